/**
 * The camera alone, for scripts/bench-headed.ts: the app's camera (its own
 * openCamera, so the same constraints) taken through MediaStreamTrackProcessor
 * into a worker, as the app does, where every frame is closed as soon as it
 * is read. Nothing else runs: the CPU this page costs is the floor under
 * the app's. With `?preview`, the page also plays the camera in a video
 * element the size of the Now view's picture (mirrored, as there): the floor
 * under the app with its picture shown.
 *
 * Where the worker cannot take the track (no MediaStreamTrackProcessor:
 * Firefox), the app pulls its frames from a playing video element; so does
 * this page, counting them (requestVideoFrameCallback) and doing nothing
 * else with them.
 */
import { openCamera } from '../../src/ui/capture/camera';
import type { FloorReply, FloorRequest } from './camera-floor.worker';

interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;

export interface FloorWindow {
  /** Frames the worker has read (and closed) so far. */
  floorFrames(): Promise<number>;
  /** True once the first frame has reached the worker. */
  floorReady: boolean;
  /** Why the page could not start, if it could not. */
  floorError?: string;
}

const w = window as unknown as FloorWindow;
const status = document.getElementById('status') as HTMLElement;

async function start(): Promise<void> {
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorCtor })
    .MediaStreamTrackProcessor;
  const stream = await openCamera();
  if (!Processor) {
    playOnly(stream);
    return;
  }
  const [track] = stream.getVideoTracks();
  if (!track) throw new Error('the camera stream has no video track');
  // As the app hands its track to the pose worker (pose-client.ts).
  const { readable } = new Processor({ track, maxBufferSize: 1 });
  if (new URLSearchParams(location.search).has('preview')) showPreview(stream);
  const worker = new Worker(new URL('./camera-floor.worker.ts', import.meta.url), {
    type: 'module',
    name: 'camera-floor',
  });
  let nextId = 0;
  const waiting = new Map<number, (frames: number) => void>();
  worker.addEventListener('message', (e: MessageEvent<FloorReply>) => {
    const reply = e.data;
    if (reply.type === 'first-frame') {
      w.floorReady = true;
      status.textContent = `camera floor: frames flow (${track.label})`;
      return;
    }
    waiting.get(reply.id)?.(reply.frames);
    waiting.delete(reply.id);
  });
  w.floorFrames = () =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ type: 'count', id } satisfies FloorRequest);
    });
  worker.postMessage({ type: 'stream', readable } satisfies FloorRequest, [readable]);
}

/** The floor where the page pulls frames: the stream played in a video element (not shown), its frames counted. */
function playOnly(stream: MediaStream): void {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  if (new URLSearchParams(location.search).has('preview')) asNowPicture(video);
  else video.style.display = 'none';
  document.body.append(video);
  let frames = 0;
  const count = () => {
    frames++;
    if (!w.floorReady) {
      w.floorReady = true;
      status.textContent = 'camera floor: frames flow (played in the page)';
    }
    video.requestVideoFrameCallback(count);
  };
  video.requestVideoFrameCallback(count);
  w.floorFrames = () => Promise.resolve(frames);
  void video.play();
}

/** The camera picture as the Now view shows it: 4:3, about 380 px wide in a 1280 px window, mirrored. */
function showPreview(stream: MediaStream): void {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  asNowPicture(video);
  document.body.append(video);
  void video.play();
}

/** Sized and mirrored as the Now view shows the camera: 4:3, about 380 px wide in a 1280 px window. */
function asNowPicture(video: HTMLVideoElement): void {
  Object.assign(video.style, {
    width: '380px',
    aspectRatio: '4 / 3',
    objectFit: 'contain',
    transform: 'scaleX(-1)',
  });
}

w.floorReady = false;
start().catch((err: unknown) => {
  w.floorError = err instanceof Error ? err.message : String(err);
  status.textContent = `camera floor failed: ${w.floorError}`;
});
