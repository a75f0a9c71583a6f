/**
 * The page's entry: checks that the browser has what knotless needs and
 * then loads the app (main.ts); otherwise the page says what is missing and
 * which browsers work, and the app is never loaded. A failed load (offline
 * before anything was cached, say) is said too, instead of a blank page.
 */
import { missingFeatures, type MissingFeature } from './shell/browser-support';
import { byId } from './shell/dom';

/** The app's navigation, views and messages: nothing to use when the app cannot run. */
function hideApp(): void {
  for (const el of document.querySelectorAll<HTMLElement>(
    'nav.views, [data-view], #message, #update, #alert-banner',
  ))
    el.hidden = true;
}

function showUnsupported(missing: readonly MissingFeature[]): void {
  hideApp();
  const list = byId<HTMLUListElement>('unsupported-list');
  for (const feature of missing) {
    const item = document.createElement('li');
    item.dataset.feature = feature.id;
    item.textContent = feature.label;
    list.append(item);
  }
  byId('unsupported').hidden = false;
}

function showLoadFailed(err: unknown): void {
  hideApp();
  const reason = err instanceof Error ? err.message : String(err);
  byId('load-failed-reason').textContent = `The browser said: ${reason}`;
  byId('load-failed-reload').addEventListener('click', () => location.reload());
  byId('load-failed').hidden = false;
}

const missing = missingFeatures(window);
if (missing.length > 0) showUnsupported(missing);
else import('./main').catch(showLoadFailed);
