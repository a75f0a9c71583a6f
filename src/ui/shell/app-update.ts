/**
 * The installed app: whether it works with the network off, and new
 * versions. The service worker (vite-plugin-pwa, built app only) caches the
 * app and its models; a new version waits until the person reloads into it,
 * so nothing is cut off mid-session. Settings (localStorage) and history
 * (IndexedDB) are the browser's, not the cache's: an update keeps them.
 */
import { registerSW } from 'virtual:pwa-register';
import { MODELS_CACHE_PREFIX } from './cache-names';

export interface UpdateElements {
  /** Shown when a new version is ready. */
  banner: HTMLElement;
  reload: HTMLButtonElement;
  /** "Works offline" status. */
  offline: HTMLElement;
  version: HTMLElement;
}

export function setupAppUpdate(ui: UpdateElements): void {
  ui.version.textContent = __APP_VERSION__;
  if (!('serviceWorker' in navigator)) {
    ui.offline.textContent = 'no (this browser has no service workers here)';
    return;
  }
  if (navigator.serviceWorker.controller) {
    ui.offline.textContent = 'yes';
    void dropOtherModelCaches();
  }
  const update = registerSW({
    onNeedRefresh() {
      ui.banner.hidden = false;
    },
    onOfflineReady() {
      ui.offline.textContent = 'yes';
    },
    onRegisterError(err: unknown) {
      ui.offline.textContent = `no (${err instanceof Error ? err.message : String(err)})`;
    },
  });
  ui.reload.addEventListener('click', () => {
    ui.reload.disabled = true;
    void update(true);
  });
}

/**
 * Deletes the model caches of other versions' models, once this version's
 * service worker runs the page (an older one would still read its own).
 */
async function dropOtherModelCaches(): Promise<void> {
  try {
    for (const name of await caches.keys())
      if (name.startsWith(MODELS_CACHE_PREFIX) && name !== __MODELS_CACHE__) await caches.delete(name);
  } catch (err) {
    console.warn('knotless: old model caches could not be deleted', err);
  }
}
