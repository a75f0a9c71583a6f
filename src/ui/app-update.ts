/**
 * The installed app: whether it works with the network off, and new
 * versions. The service worker (vite-plugin-pwa, built app only) caches the
 * app and its models; a new version waits until the person reloads into it,
 * so nothing is cut off mid-session. Settings (localStorage) and history
 * (IndexedDB) are the browser's, not the cache's: an update keeps them.
 */
import { registerSW } from 'virtual:pwa-register';

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
  if (navigator.serviceWorker.controller) ui.offline.textContent = 'yes';
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
