/**
 * The app shell: one view shown at a time, chosen by the address's hash
 * (routes.ts), with the navigation marking where you are. Views are only
 * hidden, never torn down: the camera, the worker and the history recorder
 * run on whatever is shown. Moving to a view puts the keyboard focus on its
 * heading (or on the article asked for), so a screen reader says where it
 * landed; the first view shown at load keeps focus where the browser put it.
 */
import { parseRoute, type Route, type ViewName } from './routes';

export interface Shell {
  /** The route shown now. */
  readonly route: Route;
  /** Called after every change of route (and once at start). */
  onRoute(listener: (route: Route) => void): void;
  go(href: string): void;
}

export function setupShell(doc: Document = document): Shell {
  const views = new Map<ViewName, HTMLElement>();
  for (const el of doc.querySelectorAll<HTMLElement>('[data-view]'))
    views.set(el.dataset.view as ViewName, el);
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('nav.views a[href^="#"]')];
  const listeners: ((route: Route) => void)[] = [];
  let route = parseRoute(location.hash);

  const show = (next: Route, focus: boolean) => {
    const view = views.has(next.view) ? next.view : 'now';
    route = { ...next, view };
    for (const [name, el] of views) {
      const hidden = name !== view;
      if (el.hidden !== hidden) el.hidden = hidden;
    }
    for (const a of links) {
      if (parseRoute(a.hash).view === view) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    doc.documentElement.dataset.view = view;
    for (const l of listeners) l(route);
    if (!focus) return;
    const article = route.article ? doc.getElementById(`article-${route.article}`) : null;
    const target = article ?? views.get(view)?.querySelector<HTMLElement>('h2');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }
    // A view opens at its top (with the navigation in sight); an article at itself.
    if (article) article.scrollIntoView({ block: 'start' });
    else window.scrollTo(0, 0);
  };

  window.addEventListener('hashchange', () => show(parseRoute(location.hash), true));
  show(route, route.article != null);

  return {
    get route() {
      return route;
    },
    onRoute(listener) {
      listeners.push(listener);
      listener(route);
    },
    go(href) {
      if (location.hash === href) show(parseRoute(href), true);
      else location.hash = href;
    },
  };
}
