/**
 * The camera picture on the page, and the two ways of keeping the pose loop
 * alive that depend on it.
 *
 * - "Show the camera picture" off: the video element lets go of the stream,
 *   so the browser stops decoding and compositing it (the skeleton is still
 *   drawn). Only where frames reach the worker without the page
 *   (MediaStreamTrackProcessor); where the page pulls frames from the video
 *   element, the element keeps playing and is only hidden.
 * - Picture-in-Picture, opt-in, only offered where the page pulls frames:
 *   browsers keep a video that is shown in a floating window playing when
 *   its tab is hidden, so frames keep coming there.
 */
import { loadShowPreview, saveShowPreview } from './local-store';

export interface PreviewUi {
  /** A new source is playing in the video element: how its frames reach the worker. */
  attach(stream: MediaStream | null, mode: 'worker-stream' | 'page-pull'): void;
  /** The source stopped. */
  detach(): void;
}

export function setupPreview(
  video: HTMLVideoElement,
  toggle: HTMLInputElement,
  pipButton: HTMLButtonElement,
  say: (text: string) => void,
): PreviewUi {
  let stream: MediaStream | null = null;
  let mode: 'worker-stream' | 'page-pull' | null = null;
  toggle.checked = loadShowPreview();

  const apply = () => {
    const show = toggle.checked;
    video.hidden = !show;
    video.parentElement?.classList.toggle('no-picture', !show);
    if (!stream || mode !== 'worker-stream') return;
    if (show && video.srcObject !== stream) {
      video.srcObject = stream;
      void video.play().catch(() => undefined);
    } else if (!show && video.srcObject) {
      video.srcObject = null;
    }
  };
  toggle.addEventListener('change', () => {
    saveShowPreview(toggle.checked);
    apply();
  });

  const pipOffered = () =>
    mode === 'page-pull' && stream !== null && document.pictureInPictureEnabled === true;
  pipButton.addEventListener('click', () => {
    const request = document.pictureInPictureElement
      ? document.exitPictureInPicture()
      : video.requestPictureInPicture().then(() => undefined);
    request.catch((err: unknown) =>
      say(`The floating window could not open: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
  video.addEventListener(
    'enterpictureinpicture',
    () => (pipButton.textContent = 'Close the floating window'),
  );
  video.addEventListener(
    'leavepictureinpicture',
    () => (pipButton.textContent = 'Keep watching in a floating window'),
  );

  return {
    attach(s, m) {
      stream = s;
      mode = m;
      pipButton.hidden = !pipOffered();
      apply();
    },
    detach() {
      stream = null;
      mode = null;
      pipButton.hidden = true;
      if (document.pictureInPictureElement === video)
        void document.exitPictureInPicture().catch(() => undefined);
    },
  };
}
