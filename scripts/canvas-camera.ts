/**
 * A webcam made of real footage for browsers whose fake camera cannot play
 * a file (Firefox's is a synthetic picture): run in the page before its
 * own scripts (page.addInitScript), it answers getUserMedia with a canvas
 * stream that draws one of the given clips, looping. The test switches
 * clips (upright, then leaning) with `__camera.show(name)`.
 */

export interface CanvasCameraOptions {
  /** Clip name → URL the page can load (same origin). */
  clips: Record<string, string>;
  /** The clip shown first. */
  first: string;
  /** Frames a second drawn and captured. */
  fps: number;
}

export interface CanvasCameraWindow {
  __camera: {
    show(name: string): void;
    /** The clip being drawn. */
    showing: string;
    /** Frames drawn so far. */
    drawn: number;
    /** getUserMedia calls answered. */
    opened: number;
  };
}

export const canvasCamera = (options: CanvasCameraOptions): void => {
  const w = window as unknown as CanvasCameraWindow;
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  const videos = new Map<string, HTMLVideoElement>();
  for (const [name, url] of Object.entries(options.clips)) {
    const v = document.createElement('video');
    v.muted = true;
    v.loop = true;
    v.playsInline = true;
    v.preload = 'auto';
    v.src = url;
    videos.set(name, v);
  }
  let timer: ReturnType<typeof setInterval> | null = null;
  const camera: CanvasCameraWindow['__camera'] = {
    showing: options.first,
    drawn: 0,
    opened: 0,
    show(name) {
      if (!videos.has(name)) throw new Error(`canvas camera: no clip named ${name}`);
      camera.showing = name;
    },
  };
  w.__camera = camera;
  const draw = () => {
    const v = videos.get(camera.showing)!;
    if (v.paused) void v.play().catch(() => undefined);
    if (v.readyState < 2) return;
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
    camera.drawn++;
  };
  const media = navigator.mediaDevices as MediaDevices | undefined;
  if (media) {
    media.getUserMedia = async (constraints) => {
      if (!constraints?.video) throw new DOMException('only a camera is offered', 'NotFoundError');
      camera.opened++;
      timer ??= setInterval(draw, 1000 / options.fps);
      await Promise.all([...videos.values()].map((v) => v.play().catch(() => undefined)));
      draw();
      return canvas.captureStream(options.fps);
    };
  }
};
