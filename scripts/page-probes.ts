/**
 * Scripts run in the app's page before its own (page.addInitScript), for
 * the bench and the browser tests.
 *
 * Headless Chromium never hides a page: bringing another tab to the front
 * or minimising the window changes nothing there. So the page's visibility
 * is emulated: document.hidden, document.visibilityState and the
 * visibilitychange event, which is all the app reads. The browser's own
 * throttling of background tabs is not reproduced by this.
 */

export interface ProbeWindow {
  __hidden: boolean;
  __longTasks: number;
  __setHidden(hidden: boolean): void;
  /** The readyState of every camera track the page has opened, oldest first. */
  __cameraTracks(): MediaStreamTrackState[];
}

export const pageProbes = (): void => {
  const w = window as unknown as ProbeWindow;
  w.__hidden = false;
  w.__longTasks = 0;
  Object.defineProperty(Document.prototype, 'hidden', { get: () => w.__hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', {
    get: () => (w.__hidden ? 'hidden' : 'visible'),
    configurable: true,
  });
  w.__setHidden = (hidden: boolean) => {
    w.__hidden = hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  const tracks: MediaStreamTrack[] = [];
  w.__cameraTracks = () => tracks.map((t) => t.readyState);
  const media = navigator.mediaDevices as MediaDevices | undefined;
  if (media?.getUserMedia) {
    const open = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      tracks.push(...stream.getVideoTracks());
      return stream;
    };
  }
  new PerformanceObserver((list) => {
    w.__longTasks += list.getEntries().length;
  }).observe({ type: 'longtask', buffered: true });
};

export interface DownloadsWindow {
  /** Files the page offered through a download link to a blob, with their text. */
  __downloads: { name: string; text: string }[];
}

/**
 * Records what the page offers for download (a link to a blob with a
 * `download` name, clicked by script), then lets the click go on. For
 * drivers that do not report downloads (Playwright's WebDriver BiDi Firefox).
 */
export const recordDownloads = (): void => {
  const w = window as unknown as DownloadsWindow;
  w.__downloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download && this.href.startsWith('blob:')) {
      const name = this.download;
      void fetch(this.href)
        .then((r) => r.text())
        .then((text) => w.__downloads.push({ name, text }));
    }
    click.call(this);
  };
};

export interface NotificationsWindow {
  /** System notifications the page created, with whether the page was hidden then. */
  __notifications: { title: string; body: string; tag: string; hidden: boolean }[];
}

/**
 * Records each system notification the page creates, with whether the page
 * was hidden then (as document.hidden says: real, or emulated by
 * pageProbes when that runs first), and still shows the real one.
 */
export const recordNotifications = (): void => {
  const w = window as unknown as NotificationsWindow;
  w.__notifications = [];
  if (typeof Notification === 'undefined') return;
  const Real = Notification;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      w.__notifications.push({
        title,
        body: options?.body ?? '',
        tag: options?.tag ?? '',
        hidden: document.hidden,
      });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  window.Notification = Recorded as typeof Notification;
};

export interface AlertProbeWindow {
  /** When the camera's stream opened, by the wall clock, ms. */
  __cameraOpenedAtMs: number | null;
  /** Every alert shown, by the wall clock: a banner item, or a system notification (tag: the problem). */
  __alertsSeen: { problem: string; atMs: number; via: 'banner' | 'notification' }[];
}

/** Records when the camera opened and when each alert appeared (the page's real visibility left alone). */
export const alertProbe = (): void => {
  const w = window as unknown as AlertProbeWindow;
  w.__cameraOpenedAtMs = null;
  w.__alertsSeen = [];
  const media = navigator.mediaDevices as MediaDevices | undefined;
  if (media?.getUserMedia) {
    const open = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      w.__cameraOpenedAtMs ??= Date.now();
      return stream;
    };
  }
  if (typeof Notification !== 'undefined') {
    const Real = Notification;
    class Seen extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__alertsSeen.push({ problem: options?.tag ?? title, atMs: Date.now(), via: 'notification' });
      }
    }
    Object.defineProperty(Seen, 'permission', { get: () => Real.permission });
    window.Notification = Seen as typeof Notification;
  }
  // The banner's list only (the problems panel and the settings form name problems too).
  new MutationObserver((records) => {
    for (const r of records)
      for (const node of r.addedNodes)
        if (node instanceof HTMLElement && node.dataset.problem && node.closest('#alert-list'))
          w.__alertsSeen.push({ problem: node.dataset.problem, atMs: Date.now(), via: 'banner' });
  }).observe(document, { childList: true, subtree: true });
};
