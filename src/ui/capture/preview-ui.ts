/**
 * The camera picture on the page, and the two ways of keeping the pose loop
 * alive that depend on it.
 *
 * - "Show the camera picture" off: the video element lets go of the stream,
 *   so the browser stops decoding and compositing it (the skeleton is still
 *   drawn). Only where frames reach the worker without the page
 *   (MediaStreamTrackProcessor); where the page pulls frames from the video
 *   element, the element keeps playing and is only hidden.
 * - While the camera is asked for fewer than 3 frames a second (steady
 *   posture) and frames reach the worker as a stream, the picture is a
 *   still taken from the camera each time a sample arrives
 *   (ImageCapture.grabFrame) and drawn on a canvas, and the video element
 *   plays nothing: a playing video keeps the browser's compositor waking 60
 *   times a second to look for a new frame (about 1.5 % of a core here,
 *   measured per thread), a canvas changes once per sample. At faster rates
 *   (calibrating, moving) the video plays as usual.
 * - Picture-in-Picture, opt-in, only offered where the page pulls frames:
 *   browsers keep a video that is shown in a floating window playing when
 *   its tab is hidden, so frames keep coming there.
 */
import { loadShowPreview, saveShowPreview } from '../settings/local-store';

export interface PreviewUi {
  /** A new source is playing in the video element: how its frames reach the worker. */
  attach(stream: MediaStream | null, mode: 'worker-stream' | 'page-pull'): void;
  /**
   * A sample arrived, with the frame rate now asked of the camera: below
   * STILLS_BELOW_FPS the picture is a still, refreshed now.
   */
  sampled(cameraFps: number): void;
  /** The source stopped. */
  detach(): void;
}

export function setupPreview(
  video: HTMLVideoElement,
  still: HTMLCanvasElement,
  toggle: HTMLInputElement,
  pipButton: HTMLButtonElement,
  say: (text: string) => void,
): PreviewUi {
  let stream: MediaStream | null = null;
  let mode: 'worker-stream' | 'page-pull' | null = null;
  let cameraFps = Infinity;
  const stills = stillGrabber(still);
  toggle.checked = loadShowPreview();

  const useStills = () =>
    stream !== null && mode === 'worker-stream' && cameraFps < STILLS_BELOW_FPS && 'ImageCapture' in window;

  const apply = () => showPicture(video, still, toggle.checked, stream, mode, useStills);

  toggle.addEventListener('change', () => {
    saveShowPreview(toggle.checked);
    apply();
  });

  const pipOffered = () =>
    mode === 'page-pull' && stream !== null && document.pictureInPictureEnabled === true;
  listenPip(video, pipButton, say);

  return {
    sampled(fps) {
      const before = useStills();
      cameraFps = fps;
      if (useStills() !== before) apply();
      if (useStills() && !still.hidden && !document.hidden) stills.grab(stream?.getVideoTracks()[0]);
    },
    attach(s, m) {
      stream = s;
      mode = m;
      pipButton.hidden = !pipOffered();
      apply();
    },
    detach() {
      stream = null;
      mode = null;
      stills.reset();
      still.hidden = true;
      video.hidden = !toggle.checked;
      pipButton.hidden = true;
      if (document.pictureInPictureElement === video)
        void document.exitPictureInPicture().catch(() => undefined);
    },
  };
}

/**
 * Shows the video, the still or no picture (`show` off). Where frames reach
 * the worker as a stream, the video element holds the stream only while it
 * is the picture shown.
 */
function showPicture(
  video: HTMLVideoElement,
  still: HTMLCanvasElement,
  show: boolean,
  stream: MediaStream | null,
  mode: 'worker-stream' | 'page-pull' | null,
  useStills: () => boolean,
): void {
  video.parentElement?.classList.toggle('no-picture', !show);
  const onStills = useStills();
  video.hidden = !show || onStills;
  // Going back to the video, the last still stays over it until the video shows a frame.
  if (!show || onStills) still.hidden = !show || !onStills;
  if (!stream || mode !== 'worker-stream') return;
  const play = show && !onStills;
  if (play && video.srcObject !== stream) {
    video.srcObject = stream;
    void video.play().catch(() => undefined);
    video.addEventListener('playing', () => (still.hidden ||= !useStills()), { once: true });
  } else if (!play && video.srcObject) {
    video.srcObject = null;
  }
}

/** The stills: each grab draws the camera's next frame on the canvas, one at a time. */
function stillGrabber(still: HTMLCanvasElement) {
  let capture: { track: MediaStreamTrack; grabber: ImageCapture } | null = null;
  let grabbing = false;
  let stills = 0;
  return {
    /** Draws the track's next frame on the still canvas. */
    grab(track: MediaStreamTrack | undefined) {
      if (grabbing || !track || track.readyState !== 'live') return;
      if (capture?.track !== track) capture = { track, grabber: new ImageCapture(track) };
      grabbing = true;
      capture.grabber
        .grabFrame()
        .then((bitmap) => {
          if (still.width !== bitmap.width || still.height !== bitmap.height) {
            still.width = bitmap.width;
            still.height = bitmap.height;
          }
          still.getContext('2d')?.drawImage(bitmap, 0, 0);
          bitmap.close();
          still.dataset.stills = String(++stills);
        })
        .catch(() => undefined) // the track ended or stopped meanwhile: the next sample tries again
        .finally(() => (grabbing = false));
    },
    /** The source stopped: the next track gets its own capture. */
    reset() {
      capture = null;
    },
  };
}

/** The floating-window button: opens or closes it, and says which it does next. */
function listenPip(video: HTMLVideoElement, pipButton: HTMLButtonElement, say: (text: string) => void): void {
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
}

/** Below this many camera frames a second, the picture is a still refreshed with each sample. */
const STILLS_BELOW_FPS = 3;
