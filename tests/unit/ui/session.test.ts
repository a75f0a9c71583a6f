import { describe, expect, it, vi } from 'vitest';
import type { BackendChoice, EngineName } from '../../../src/core/pose';
import type { Feed, FeedHandlers } from '../../../src/ui/capture/feed';
import type { PoseClient } from '../../../src/ui/capture/pose-client';
import { MonitoringSession, type SessionDeps, type SessionView } from '../../../src/ui/capture/session';

/** A camera track: an event target with a state, as the browser's. */
class FakeTrack extends EventTarget {
  readyState: 'live' | 'ended' = 'live';
  stop = vi.fn(() => {
    this.readyState = 'ended';
  });
  unplug() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}
const stream = (track = new FakeTrack()) =>
  ({ getVideoTracks: () => [track], getTracks: () => [track] }) as unknown as MediaStream;

/** A worker: `broken` engines fail to load, as a missing model file does. */
function fakeClient(broken: readonly string[], onCrash: (m: string) => void) {
  const calls = {
    loadEngine: vi.fn(async ({ engine, backend }: { engine: EngineName; backend: BackendChoice }) => {
      if (broken.includes(engine)) throw new Error(`The ${engine} model could not be loaded`);
      return { engine, backend: backend === 'auto' ? 'wasm' : backend, inputPx: 160 };
    }),
    setPageHidden: vi.fn(async (_hidden: boolean) => undefined),
    stopStream: vi.fn(async () => undefined),
    stats: vi.fn(async () => ({ framesProcessed: 3, framesDropped: 0, framesReused: 1, tensors: 7 })),
    setSampling: vi.fn(async () => {
      throw new Error('fixedFps must be 0.2 to 30, got 99');
    }),
  };
  return Object.assign(calls, { dispose: vi.fn(), crash: onCrash, raw: calls }) as unknown as PoseClient & {
    crash: (m: string) => void;
    dispose: ReturnType<typeof vi.fn>;
    raw: typeof calls;
  };
}

function setup(options: { broken?: string[]; camera?: () => Promise<MediaStream> } = {}) {
  const said: (string | null)[] = [];
  const clients: ReturnType<typeof fakeClient>[] = [];
  const feeds: { track: MediaStreamTrack; stop: ReturnType<typeof vi.fn> }[] = [];
  let takenOver: () => void = () => undefined;
  const crashes: { restart: () => Promise<void>; stillWanted: () => boolean }[] = [];
  const view: SessionView = {
    say: (text) => void said.push(text),
    showStream: vi.fn(async () => undefined),
    started: vi.fn(),
    stopped: vi.fn(),
    movedAway: vi.fn(),
    engineLoading: vi.fn(),
    engineLoaded: vi.fn(),
    engineShown: vi.fn(),
  };
  const deps: SessionDeps = {
    view,
    choice: () => ({ engine: 'movenet-lightning', backend: 'wasm' }),
    createClient: (onCrash) => {
      const c = fakeClient(options.broken ?? [], onCrash);
      clients.push(c);
      return c;
    },
    openCamera: options.camera ?? (async () => stream()),
    feedTrack: async (_client, track, _handlers: FeedHandlers): Promise<Feed> => {
      const f = { track, stop: vi.fn(async () => undefined) };
      feeds.push(f);
      return { mode: 'worker-stream', stop: f.stop };
    },
    pullFrames: () => ({ mode: 'page-pull', stop: async () => undefined }),
    recovery: {
      afterCrash: (restart, stillWanted) => {
        crashes.push({ restart, stillWanted });
        return 1000;
      },
      // The camera is back at the first look.
      waitForCamera: async (reopen) => {
        await reopen();
      },
      cancelCameraWait: vi.fn(),
    },
    watchLock: (onTakenOver) => {
      takenOver = onTakenOver;
      return { take: vi.fn(async () => undefined), release: vi.fn(), held: true };
    },
    configure: vi.fn(async () => undefined),
    useSource: vi.fn(async () => undefined),
    handlers: { onResult: vi.fn(), onError: vi.fn() },
  };
  const session = new MonitoringSession(deps);
  return { session, deps, view, said, clients, feeds, crashes, takeOver: () => takenOver() };
}

describe('the monitoring session', () => {
  it('starts the camera: the picked engine, the page settings, the source, then frames', async () => {
    const t = setup();
    await t.session.startCamera();
    expect(t.clients).toHaveLength(1);
    expect(t.clients[0]!.raw.loadEngine).toHaveBeenCalledWith({
      engine: 'movenet-lightning',
      backend: 'wasm',
    });
    expect(t.clients[0]!.raw.setPageHidden).toHaveBeenCalledWith(false);
    expect(t.deps.configure).toHaveBeenCalledTimes(1);
    expect(t.deps.useSource).toHaveBeenCalledWith(t.clients[0], t.feeds[0]!.track);
    expect(t.view.started).toHaveBeenCalledWith('worker-stream', expect.anything());
    expect(t.session.running).toBe(true);
    expect(await t.session.engineStats()).toMatchObject({ tensors: 7 });
    expect(t.said.filter((s) => s !== null)).toEqual([]);
  });

  it('tells the worker when the page is hidden or shown, once per change, and nothing after dispose', async () => {
    const t = setup();
    await t.session.startCamera();
    const told = t.clients[0]!.raw.setPageHidden;
    t.session.setPageHidden(true);
    await vi.waitFor(() => expect(told).toHaveBeenLastCalledWith(true));
    t.session.setPageHidden(false);
    await vi.waitFor(() => expect(told).toHaveBeenLastCalledWith(false));
    const calls = told.mock.calls.length;
    t.session.setPageHidden(false);
    expect(told.mock.calls.length).toBe(calls);
    // The page going away: its worker is let go, and the page hiding as it closes calls nothing on it.
    t.session.dispose();
    expect(await t.session.engineStats()).toBeNull();
    t.session.setPageHidden(true);
    expect(told.mock.calls.length).toBe(calls);
  });

  it('says on the page why the worker refused a setting, and sends none while there is no worker', async () => {
    const t = setup();
    expect(await t.session.tell((worker) => worker.setSampling({ fixedFps: 99 }))).toBeUndefined();
    expect(t.said.filter((s) => s !== null)).toEqual([]);
    await t.session.startCamera();
    expect(await t.session.tell((worker) => worker.setSampling({ fixedFps: 99 }))).toBeUndefined();
    expect(t.said.at(-1)).toBe('The pose worker refused a change: fixedFps must be 0.2 to 30, got 99');
    expect(await t.session.tell((worker) => worker.stats())).toMatchObject({ framesReused: 1 });
  });

  it('says what the camera said when it cannot be opened, and runs nothing', async () => {
    const denied = Object.assign(new Error('Camera access was denied.'), { name: 'CameraError' });
    const t = setup({ camera: async () => Promise.reject(denied) });
    await t.session.startCamera();
    expect(t.said.at(-1)).toBe('Camera access was denied.');
    expect(t.session.running).toBe(false);
  });

  it('falls back to another engine when the picked one will not load, and says which runs', async () => {
    const t = setup({ broken: ['movenet-lightning'] });
    await t.session.startCamera();
    expect(t.view.engineShown).toHaveBeenCalledWith('movenet-thunder', 'wasm');
    expect(t.said.at(-1)).toMatch(
      /movenet-lightning model could not be loaded.*Running movenet-thunder instead\./,
    );
    expect(t.session.running).toBe(true);
  });

  it('replaces a crashed worker on the same camera, keeping what it had', async () => {
    const t = setup();
    await t.session.startCamera();
    const track = t.feeds[0]!.track;
    t.clients[0]!.crash('it has not answered for 20 s');
    expect(t.clients[0]!.dispose).toHaveBeenCalled();
    expect(t.session.running).toBe(false);
    expect(t.said.at(-1)).toMatch(
      /Starting it again in 1 s; your calibration, settings and history are kept/,
    );
    expect(t.crashes).toHaveLength(1);
    expect(t.crashes[0]!.stillWanted()).toBe(true);
    await t.crashes[0]!.restart();
    expect(t.clients).toHaveLength(2);
    expect(t.feeds[1]!.track).toBe(track);
    expect(t.clients[1]!.raw.loadEngine).toHaveBeenCalled();
    expect(t.said.at(-1)).toMatch(/was started again/);
    expect(t.session.running).toBe(true);
  });

  it('does not restart a crashed worker whose camera was stopped meanwhile', async () => {
    const t = setup();
    await t.session.startCamera();
    t.clients[0]!.crash('boom');
    await t.session.stop();
    expect(t.crashes[0]!.stillWanted()).toBe(false);
  });

  it('opens the camera again when it comes back after being unplugged', async () => {
    const tracks = [new FakeTrack(), new FakeTrack()];
    let opened = 0;
    const t = setup({ camera: async () => stream(tracks[opened++]) });
    await t.session.startCamera();
    tracks[0]!.unplug();
    await vi.waitFor(() => expect(t.feeds).toHaveLength(2));
    expect(t.feeds[1]!.track).toBe(tracks[1]);
    await vi.waitFor(() => expect(t.said.at(-1)).toBe('The camera is back: monitoring goes on.'));
    expect(t.said).toContain(
      'The camera stopped (was it unplugged?). Monitoring goes on by itself when it is back, or press Start.',
    );
  });

  it('stops and says where watching went when another tab takes it over', async () => {
    const t = setup();
    await t.session.startCamera();
    const track = t.feeds[0]!.track as unknown as FakeTrack;
    t.takeOver();
    await vi.waitFor(() => expect(t.view.movedAway).toHaveBeenCalled());
    expect(t.feeds[0]!.stop).toHaveBeenCalled();
    expect(track.stop).toHaveBeenCalled();
    expect(t.session.running).toBe(false);
    expect(t.said.at(-1)).toMatch(/^Watching moved to another knotless tab/);
  });

  it('keeps the engine it had when a switch fails, and shows that one as picked', async () => {
    const t = setup({ broken: ['movenet-thunder'] });
    await t.session.startCamera();
    t.deps.choice = () => ({ engine: 'movenet-thunder', backend: 'wasm' });
    await t.session.switchEngine();
    expect(t.said.at(-1)).toMatch(/movenet-thunder model could not be loaded/);
    expect(t.view.engineShown).toHaveBeenLastCalledWith('movenet-lightning', 'wasm');
    expect(t.clients).toHaveLength(1);
    expect(t.clients[0]!.raw.loadEngine).toHaveBeenLastCalledWith({
      engine: 'movenet-thunder',
      backend: 'wasm',
    });
    expect(await t.session.engineStats()).toMatchObject({ tensors: 7 });
  });
});
