/**
 * The page's entry: checks that the browser has what knotless needs, then
 * starts the app; otherwise the page says what is missing and which
 * browsers work, and the app is never started. The app's code is imported
 * statically so that it is ready by the time the page has loaded.
 */
import { missingFeatures, type MissingFeature } from './shell/browser-support';
import { byId } from './shell/dom';
import { startApp } from './main';

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

const missing = missingFeatures(window);
if (missing.length > 0) showUnsupported(missing);
else startApp();
