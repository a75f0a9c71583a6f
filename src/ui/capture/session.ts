/**
 * The monitoring session behind the page: the camera (or a file), the pose
 * worker with its engine, the feed of frames between them, and how they
 * come back from failures: a worker that crashes or hangs is replaced on
 * the same camera (its calibration, settings and history kept), a camera
 * unplugged is opened again once it is back, an engine that will not load
 * gives way to another, and another knotless tab that starts watching
 * takes the camera over (one tab watches at a time).
 *
 * Everything it touches comes in through `SessionDeps`, so it is tested
 * with fakes; the page supplies the real camera, worker and elements.
 */
import { ENGINES, type BackendChoice, type EngineName } from '../../core/pose';
import type { Feed, FeedHandlers } from './feed';
import type { PoseClient, PoseControl, Tell } from './pose-client';
import type { Recovery } from './recovery';
import type { WatchLock } from './watch-lock';
import type { EngineInfo, EngineStats } from '../../protocol/pose-protocol';

/** What the session tells the page. */
export interface SessionView {
  say(text: string | null, kind?: 'error' | 'info'): void;
  /** The camera's stream is open: show it (resolves once it plays). */
  showStream(stream: MediaStream): Promise<void>;
  /** Frames flow, this way; `stream` is the camera's (null for a file). */
  started(mode: Feed['mode'], stream: MediaStream | null): void;
  /** Frames stopped and the camera was let go. */
  stopped(): void;
  /** Watching moved to another tab: the page shows it has nothing to watch. */
  movedAway(): void;
  engineLoading(engine: EngineName): void;
  engineLoaded(info: EngineInfo): void;
  /** The engine running is not the one picked (it fell back, or a switch failed): show this one. */
  engineShown(engine: EngineName, backend: BackendChoice): void;
}

export interface SessionDeps {
  view: SessionView;
  /** The engine and backend picked on the page. */
  choice(): { engine: EngineName; backend: BackendChoice };
  createClient(onCrash: (message: string) => void): PoseClient;
  openCamera(): Promise<MediaStream>;
  /** Starts frames from `track` to the worker. */
  feedTrack(client: PoseClient, track: MediaStreamTrack, handlers: FeedHandlers): Promise<Feed>;
  /** Starts frames the page pulls itself (an image file). */
  pullFrames(client: PoseClient, grab: () => Promise<ImageBitmap>, handlers: FeedHandlers, fps: number): Feed;
  recovery: Recovery;
  watchLock(onTakenOver: () => void): WatchLock;
  /** An engine loaded in a (new) worker: hand it the page's settings. */
  configure(worker: PoseControl): Promise<void>;
  /** A source starts: its field of view and the stored neutral go to the worker. */
  useSource(worker: PoseControl, track: MediaStreamTrack | null): Promise<void>;
  handlers: FeedHandlers;
}

export class MonitoringSession {
  private client: PoseClient | null = null;
  private feed: Feed | null = null;
  private stream: MediaStream | null = null;
  private track: MediaStreamTrack | null = null;
  private trackKind: 'camera' | 'video' = 'camera';
  /** "engine/backend" loaded in the worker, or null. */
  private loaded: string | null = null;
  private readonly watch: WatchLock;
  private hidden = false;

  constructor(private readonly deps: SessionDeps) {
    this.watch = deps.watchLock(() => void this.watchedElsewhere());
  }

  /** The page was hidden or shown: the worker is told (it counts people less often while nobody sees the count). */
  setPageHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    if (this.loaded) void this.tell((worker) => worker.setPageHidden(hidden));
  }

  /**
   * Sends an intent to the worker, whether or not an engine is loaded yet
   * (settings can go to it); none is sent while there is no worker (the
   * next one is configured when it starts). A failure is said on the page.
   */
  readonly tell: Tell = async (call) => {
    const client = this.client;
    if (!client) return undefined;
    try {
      return await call(client);
    } catch (err) {
      if (client === this.client) this.deps.view.say(`The pose worker refused a change: ${errorText(err)}`);
      return undefined;
    }
  };

  /** The engine's counters while one runs (null otherwise, or when the worker does not answer). */
  async engineStats(): Promise<EngineStats | null> {
    if (!this.client || !this.loaded) return null;
    return this.client.stats().catch(() => null);
  }

  get currentTrack(): MediaStreamTrack | null {
    return this.track;
  }

  /** A live camera is being watched (not a video or image file): a person can make the guided moves. */
  get watchingCamera(): boolean {
    return this.track != null && this.trackKind === 'camera';
  }

  /** Frames are flowing to the worker. */
  get running(): boolean {
    return this.feed !== null;
  }

  get feedMode(): Feed['mode'] | null {
    return this.feed?.mode ?? null;
  }

  /** Opens the camera and monitors it; says on the page what went wrong. */
  async startCamera(): Promise<void> {
    this.deps.view.say(null);
    this.deps.recovery.cancelCameraWait();
    try {
      await this.openAndStart();
    } catch (err) {
      this.deps.view.say(describeError(err));
    }
  }

  /** A video file played through captureStream: monitored like the camera, without its recovery. */
  async startVideoTrack(stream: MediaStream): Promise<void> {
    const [track] = stream.getVideoTracks();
    this.stream = stream;
    if (track) await this.startTrack(track, 'video');
  }

  /** An image: the page sends it as frames itself. */
  async startImage(bitmap: ImageBitmap): Promise<void> {
    const client = this.poseClient();
    await this.deps.useSource(client, null);
    this.feed = this.deps.pullFrames(client, () => createImageBitmap(bitmap), this.deps.handlers, 5);
    this.deps.view.started('page-pull', null);
  }

  /** Stops frames and lets the camera go. */
  async stop(): Promise<void> {
    await this.feed?.stop();
    this.feed = null;
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
    this.deps.view.stopped();
  }

  /** Before a file starts: the camera stopped, an engine loaded. */
  async prepareForFile(): Promise<void> {
    this.deps.view.say(null);
    this.deps.recovery.cancelCameraWait();
    await this.stop();
    await this.ensureEngine();
  }

  /** The engine or backend picked changed: loads it; on failure the worker keeps the one it had. */
  async switchEngine(): Promise<void> {
    this.deps.view.say(null);
    const running = this.loaded;
    try {
      await this.ensureEngine();
    } catch (err) {
      this.deps.view.say(describeError(err));
      const [engine, backend] = running?.split('/') ?? [];
      if (engine && backend) this.deps.view.engineShown(engine as EngineName, backend as BackendChoice);
    }
  }

  /** The page is going away. */
  dispose(): void {
    this.watch.release();
    void this.stop();
    this.client?.dispose();
    // A released worker proxy throws on any call: nothing may reach it through `api` from now on.
    this.client = null;
    this.loaded = null;
  }

  /**
   * Loads the picked engine in the worker if it is not the one loaded. When
   * none is loaded yet and the picked one will not load (a model file missing
   * or damaged), the others are tried in turn and the page says which runs.
   */
  async ensureEngine(): Promise<void> {
    const { engine: picked, backend } = this.deps.choice();
    try {
      await this.loadEngine(picked, backend);
    } catch (err) {
      if (this.loaded) throw err; // switching: the worker keeps the engine it had
      for (const { name } of ENGINES) {
        if (name === picked || name === 'baseline') continue;
        try {
          await this.loadEngine(name, backend);
        } catch {
          continue;
        }
        this.deps.view.engineShown(name, backend);
        this.deps.view.say(`${describeError(err)} Running ${name} instead.`);
        return;
      }
      throw err;
    }
  }

  private async loadEngine(engine: EngineName, backend: BackendChoice): Promise<void> {
    const key = `${engine}/${backend}`;
    if (this.loaded === key) return;
    this.deps.view.engineLoading(engine);
    const client = this.poseClient();
    const info = await client.loadEngine({ engine, backend });
    await client.setPageHidden(this.hidden);
    await this.deps.configure(client);
    this.loaded = key;
    this.deps.view.engineLoaded(info);
  }

  private poseClient(): PoseClient {
    this.client ??= this.deps.createClient((message) => this.onWorkerCrash(message));
    return this.client;
  }

  private async openAndStart(): Promise<void> {
    await this.watch.take();
    await this.stop();
    const loading = this.ensureEngine();
    // Not left unhandled while the camera opens: awaited below.
    loading.catch(() => undefined);
    const stream = await this.deps.openCamera();
    this.stream = stream;
    await this.deps.view.showStream(stream);
    await loading;
    const [track] = stream.getVideoTracks();
    if (track) await this.startTrack(track, 'camera');
  }

  private async startTrack(track: MediaStreamTrack, what: 'camera' | 'video'): Promise<void> {
    track.addEventListener('ended', () => {
      if (!this.stream?.getTracks().includes(track)) return;
      if (what === 'camera') void this.cameraLost();
      else this.deps.view.say(`The ${what} stopped. Pick it again to go on.`);
    });
    this.track = track;
    this.trackKind = what;
    const client = this.poseClient();
    await this.deps.useSource(client, track);
    this.feed = await this.deps.feedTrack(client, track, this.deps.handlers);
    this.deps.view.started(this.feed.mode, what === 'camera' ? this.stream : null);
  }

  /** The worker crashed or hung: another one takes over the same camera, calibration, settings and history. */
  private onWorkerCrash(message: string): void {
    const [dead, deadFeed, track] = [this.client, this.feed, this.track];
    this.client = null;
    this.loaded = null;
    this.feed = null;
    void deadFeed?.stop().catch(() => undefined); // not awaited: a hung worker never answers
    dead?.dispose();
    const { view } = this.deps;
    if (!track || track.readyState !== 'live') {
      view.say(`The pose worker stopped (${message}). Press Start to begin again.`);
      return;
    }
    const waitMs = this.deps.recovery.afterCrash(
      () => this.resumeTrack(track, message),
      () => this.client === null && track === this.track && track.readyState === 'live',
    );
    view.say(
      `The pose worker stopped (${message}). Starting it again in ${Math.ceil(waitMs / 1000)} s; your calibration, settings and history are kept.`,
      'info',
    );
  }

  private async resumeTrack(track: MediaStreamTrack, message: string): Promise<void> {
    try {
      await this.ensureEngine();
      const client = this.poseClient();
      await this.deps.useSource(client, track);
      this.feed = await this.deps.feedTrack(client, track, this.deps.handlers);
      this.deps.view.say(`The pose worker stopped (${message}) and was started again.`, 'info');
    } catch (err) {
      this.deps.view.say(describeError(err));
    }
  }

  /** The camera's track ended (unplugged, or taken by the system): goes on by itself when it is back. */
  private async cameraLost(): Promise<void> {
    const { view } = this.deps;
    view.say(
      'The camera stopped (was it unplugged?). Monitoring goes on by itself when it is back, or press Start.',
    );
    await this.stop();
    await this.deps.recovery.waitForCamera(async () => {
      try {
        await this.openAndStart();
        view.say('The camera is back: monitoring goes on.', 'info');
        return true;
      } catch {
        return false;
      }
    });
  }

  private async watchedElsewhere(): Promise<void> {
    this.deps.recovery.cancelCameraWait();
    await this.stop();
    this.deps.view.movedAway();
    this.deps.view.say(
      'Watching moved to another knotless tab (the one where the camera was started last), so alerts and history are not doubled. Press Start to watch here instead.',
      'info',
    );
  }
}

/** What went wrong, for the page: a camera's own message, or the model's, or "Could not start". */
export function describeError(err: unknown): string {
  const text = errorText(err);
  if (err instanceof Error && err.name === 'CameraError') return text;
  return text.includes('model') ? text : `Could not start: ${text}`;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
