/**
 * The page's views and their addresses. Pure: the hash in, the view (and,
 * for Causes, the article) out, so that an alert's link, a notification's
 * click and the back button all land where they should.
 *
 * - `#now` (or no hash): how you are sitting now;
 * - `#today`: the day's chart and summary;
 * - `#causes`, `#causes/<article>`: the article library, at one article;
 * - `#settings`: alerts, camera, frame rate, appearance, your data;
 * - `#setup`: the guided setup.
 * An address from before views (`#article-<id>`) opens that article.
 */
export const VIEWS = ['now', 'today', 'causes', 'settings', 'setup'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Route {
  view: ViewName;
  /** The article to show, for Causes. */
  article: string | null;
}

export function parseRoute(hash: string): Route {
  const h = decodeURIComponent(hash.replace(/^#/, ''));
  if (h.startsWith('article-')) return { view: 'causes', article: h.slice('article-'.length) || null };
  const [head = '', rest] = h.split('/', 2);
  const view = (VIEWS as readonly string[]).includes(head) ? (head as ViewName) : 'now';
  return { view, article: view === 'causes' && rest ? rest : null };
}

export function routeHref(route: Route): string {
  return route.view === 'causes' && route.article ? `#causes/${route.article}` : `#${route.view}`;
}
