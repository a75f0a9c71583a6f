/** The page: wires the camera or a file, the pose worker and the live view. */
import { ENGINES, type BackendChoice, type EngineName } from '../core/pose';
import type { PostureFrameResult as PoseFrameResult } from '../../workers/engine/api';
import { CameraError, openCamera } from './capture/camera';
import { byId as $ } from './shell/dom';
import { feedTrack, pullFrames, type Feed, type FeedHandlers } from './capture/feed';
import { clearPose, drawPose } from './live/overlay';
import { createPoseClient, type PoseClient, type PoseWorker } from './capture/pose-client';
import { damagedItems, loadNeutral, loadSetupDone, saveSetupDone } from './settings/local-store';
import { setupGuidedSetup } from './setup/guided-setup';
import { buildPanel } from './live/posture-panel';
import { createLoopStatus } from './live/loop-status';
import { createCalibrationView } from './live/calibration-ui';
import { setupFov } from './settings/fov-ui';
import { setupAlerts } from './alerts/alerts-ui';
import { captureFpsFor, setupSampling } from './capture/sampling-ui';
import { setupIdlePause } from './capture/idle-ui';
import { setupPreview } from './capture/preview-ui';
import { setupHistory } from './history/history-ui';
import { createRecovery } from './capture/recovery';
import { setupAppUpdate } from './shell/app-update';
import { createWatchLock } from './capture/watch-lock';
import { setupShell } from './shell/app-shell';
import { setupScheme } from './settings/scheme';
import { buildPostureFigures } from './live/posture-figures';

setupScheme($<HTMLSelectElement>('scheme'));
// First run (nothing calibrated, setup never finished): the guided setup.
if (!location.hash && !loadSetupDone() && !loadNeutral()) window.history.replaceState(null, '', '#setup');
const shell = setupShell();
const figures = buildPostureFigures($('posture-figures'));

const ui = {
  message: $<HTMLParagraphElement>('message'),
  start: $<HTMLButtonElement>('start-camera'),
  file: $<HTMLInputElement>('file'),
  engine: $<HTMLSelectElement>('engine'),
  backend: $<HTMLSelectElement>('backend'),
  video: $<HTMLVideoElement>('video'),
  overlay: $<HTMLCanvasElement>('overlay'),
  placeholder: $<HTMLParagraphElement>('placeholder'),
  engineOut: $('status-engine'),
  pathOut: $('status-path'),
  sampling: $<HTMLSelectElement>('sampling'),
  samplingOut: $('status-sampling'),
  tensorsOut: $('status-tensors'),
  calibrate: $<HTMLButtonElement>('calibrate'),
  metrics: $<HTMLUListElement>('metrics'),
};

buildPanel(ui.metrics);
const status = createLoopStatus(
  {
    engine: ui.engineOut,
    backend: $('status-backend'),
    inference: $('status-inference'),
    fps: $('status-fps'),
    person: $('status-person'),
    samples: $('status-samples'),
    reused: $('status-reused'),
  },
  say,
);
const calibration = createCalibrationView({
  button: ui.calibrate,
  status: $('calibration-status'),
  progress: $<HTMLProgressElement>('calibration-progress'),
  warnings: $<HTMLUListElement>('calibration-warnings'),
  readings: $('calibration-readings'),
  metrics: ui.metrics,
});
const fov = setupFov(
  {
    select: $<HTMLSelectElement>('fov'),
    customField: $('fov-custom-field'),
    custom: $<HTMLInputElement>('fov-custom'),
    error: $('fov-error'),
  },
  () => client?.api ?? null,
  (api, chosen) => calibration.useFov(api, chosen),
);
let currentTrack: MediaStreamTrack | null = null;

for (const { name, label } of ENGINES) ui.engine.add(new Option(label, name));

let client: PoseClient | null = null;
const alerts = setupAlerts(() => client?.api ?? null);
setupIdlePause($<HTMLInputElement>('pause-when-locked'), $('idle-status'), (locked) =>
  alerts.setScreenLocked(locked),
);
const sampling = setupSampling(ui.sampling, ui.samplingOut, () => client?.api ?? null);
const history = setupHistory(() => shell.route.view === 'today', {
  out: $('good-today'),
  inView: () => shell.route.view === 'now',
});
shell.onRoute((route) => {
  if (route.view === 'today') history.shown();
});
const preview = setupPreview(
  ui.video,
  $<HTMLCanvasElement>('still'),
  $<HTMLInputElement>('show-preview'),
  $<HTMLButtonElement>('pip'),
  say,
);

/** The worker's tensor count, every few seconds while the page is seen: it must stay flat for hours. */
setInterval(() => {
  if (document.hidden || !client || !loaded) return;
  client.api.stats().then(
    (s) => (ui.tensorsOut.textContent = String(s.tensors)),
    () => undefined,
  );
}, 5000);

setupAppUpdate({
  banner: $('update'),
  reload: $<HTMLButtonElement>('update-reload'),
  offline: $('status-offline'),
  version: $('status-version'),
});

const damaged = damagedItems();
if (damaged.length > 0) {
  say(
    `Some saved settings could not be read and are back to their defaults: ${damaged.join(', ')}. Everything else was kept.`,
  );
}

let feed: Feed | null = null;
let stream: MediaStream | null = null;
let loaded: string | null = null;

function say(text: string | null, kind: 'error' | 'info' = 'error'): void {
  ui.message.hidden = text === null;
  ui.message.textContent = text ?? '';
  ui.message.className = kind;
}

const recovery = createRecovery();
/** One tab watches: starting the camera here takes it from another tab, which stops. */
const watch = createWatchLock(() => void watchedElsewhere());

async function watchedElsewhere(): Promise<void> {
  recovery.cancelCameraWait();
  await stopFeed();
  ui.video.srcObject = null;
  ui.calibrate.disabled = true;
  ui.placeholder.hidden = false;
  say(
    'Watching moved to another knotless tab (the one where the camera was started last), so alerts and history are not doubled. Press Start to watch here instead.',
    'info',
  );
}

function poseClient(): PoseClient {
  client ??= createPoseClient(onWorkerCrash);
  return client;
}

/** The worker crashed or hung: another one takes over the same camera, calibration, settings and history. */
function onWorkerCrash(message: string): void {
  const [dead, deadFeed, track] = [client, feed, currentTrack];
  client = null;
  loaded = null;
  feed = null;
  void deadFeed?.stop().catch(() => undefined); // not awaited: a hung worker never answers
  dead?.dispose();
  if (!track || track.readyState !== 'live') {
    say(`The pose worker stopped (${message}). Press Start to begin again.`);
    return;
  }
  const waitMs = recovery.afterCrash(
    () => resumeTrack(track, message),
    () => client === null && track === currentTrack && track.readyState === 'live',
  );
  say(
    `The pose worker stopped (${message}). Starting it again in ${Math.ceil(waitMs / 1000)} s; your calibration, settings and history are kept.`,
    'info',
  );
}

async function resumeTrack(track: MediaStreamTrack, message: string): Promise<void> {
  try {
    await ensureEngine();
    await useCamera(poseClient().api, track);
    feed = await feedTrack(poseClient(), track, ui.video, handlers);
    say(`The pose worker stopped (${message}) and was started again.`, 'info');
  } catch (err) {
    say(describeLoadError(err));
  }
}

/** The camera's track ended (unplugged, or taken by the system): go on by itself when it is back. */
async function cameraLost(): Promise<void> {
  say(
    'The camera stopped (was it unplugged?). Monitoring goes on by itself when it is back, or press Start.',
  );
  await stopFeed();
  await recovery.waitForCamera(async () => {
    try {
      await openAndStart();
      say('The camera is back: monitoring goes on.', 'info');
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Loads the picked engine in the worker if it is not the one loaded. When
 * none is loaded yet and the picked one will not load (a model file missing
 * or damaged), the others are tried in turn and the page says which runs.
 */
async function ensureEngine(): Promise<void> {
  const picked = ui.engine.value as EngineName;
  try {
    await loadEngine(picked);
  } catch (err) {
    if (loaded) throw err; // switching: the worker keeps the engine it had
    for (const { name } of ENGINES) {
      if (name === picked || name === 'baseline') continue;
      try {
        await loadEngine(name);
      } catch {
        continue;
      }
      ui.engine.value = name;
      say(`${describeLoadError(err)} Running ${name} instead.`);
      return;
    }
    throw err;
  }
}

async function loadEngine(engine: EngineName): Promise<void> {
  const backend = ui.backend.value as BackendChoice;
  const key = `${engine}/${backend}`;
  if (loaded === key) return;
  status.loading(engine);
  const api = poseClient().api;
  const info = await api.init({ engine, backend });
  await api.setOptions({ countPeopleEveryMs: COUNT_PEOPLE_EVERY_MS });
  await alerts.configure(api);
  await sampling.configure(api);
  loaded = key;
  status.loaded(info);
}

/** How often people are counted while monitoring, ms. */
const COUNT_PEOPLE_EVERY_MS = 60_000;

function showResult(result: PoseFrameResult): void {
  status.count(result);
  calibration.follow(result);
  alerts.handle(result.alerts);
  history.record(result);
  sampling.follow(result.sampling, currentTrack);
  if (document.hidden) return; // nothing is drawn while nobody can see it
  preview.sampled(captureFpsFor(result.sampling.fps));
  status.show(result);
  sampling.show(result.sampling);
  calibration.show(result);
  if (shell.route.view === 'setup') guided.follow(result);
  // The skeleton and the figures are drawn only where they are seen.
  if (shell.route.view !== 'now') return;
  drawPose(ui.overlay, result);
  figures.update(result.posture);
}

const handlers: FeedHandlers = {
  onResult: showResult,
  onError: (message) => say(`Pose estimation failed: ${message}`),
};

async function stopFeed(): Promise<void> {
  await feed?.stop();
  feed = null;
  for (const t of stream?.getTracks() ?? []) t.stop();
  stream = null;
  preview.detach();
  clearPose(ui.overlay);
}

async function startTrack(track: MediaStreamTrack, what: string): Promise<void> {
  track.addEventListener('ended', () => {
    if (!stream?.getTracks().includes(track)) return;
    if (what === 'camera') void cameraLost();
    else say(`The ${what} stopped. Pick it again to go on.`);
  });
  currentTrack = track;
  sampling.resetTrack();
  await useCamera(poseClient().api, track);
  feed = await feedTrack(poseClient(), track, ui.video, handlers);
  ui.pathOut.textContent = feed.mode === 'worker-stream' ? 'camera → worker' : 'page → worker';
  ui.calibrate.disabled = false;
}

/** The camera's field of view goes to the worker before the stored neutral, which is used only if taken with it. */
async function useCamera(api: PoseWorker, track: MediaStreamTrack): Promise<void> {
  await calibration.useStored(api, track, await fov.apply(api, track.label));
}

/** Opens the camera and starts monitoring it; throws what went wrong. */
async function openAndStart(): Promise<void> {
  await watch.take();
  await stopFeed();
  const loading = ensureEngine();
  stream = await openCamera();
  ui.video.srcObject = stream;
  await ui.video.play();
  ui.placeholder.hidden = true;
  await loading;
  const [track] = stream.getVideoTracks();
  if (track) await startTrack(track, 'camera');
  if (feed) preview.attach(stream, feed.mode);
}

async function startCamera(): Promise<void> {
  say(null);
  recovery.cancelCameraWait();
  try {
    await openAndStart();
  } catch (err) {
    say(err instanceof CameraError ? err.message : describeLoadError(err));
  }
}

async function startFile(file: File): Promise<void> {
  say(null);
  recovery.cancelCameraWait();
  try {
    await stopFeed();
    await ensureEngine();
    ui.placeholder.hidden = true;
    const url = URL.createObjectURL(file);
    if (file.type.startsWith('image/')) {
      const bitmap = await createImageBitmap(file);
      ui.video.removeAttribute('src');
      ui.video.srcObject = null;
      ui.video.poster = url;
      await calibration.useFov(poseClient().api, await fov.apply(poseClient().api, ''));
      feed = pullFrames(poseClient(), () => createImageBitmap(bitmap), handlers, 5);
      ui.pathOut.textContent = 'page → worker';
      ui.calibrate.disabled = false;
      return;
    }
    ui.video.srcObject = null;
    ui.video.src = url;
    ui.video.loop = true;
    await ui.video.play();
    const captured = (ui.video as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
    stream = captured;
    const [track] = captured.getVideoTracks();
    if (track) await startTrack(track, 'video');
    preview.attach(null, 'page-pull'); // the file plays in the element itself
  } catch (err) {
    say(describeLoadError(err));
  }
}

function describeLoadError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.includes('model') ? text : `Could not start: ${text}`;
}

async function switchEngine(): Promise<void> {
  say(null);
  const running = loaded;
  try {
    await ensureEngine();
  } catch (err) {
    say(describeLoadError(err));
    // The worker keeps the engine it had: show that one as picked again.
    const [engine, backend] = running?.split('/') ?? [];
    if (engine && backend) {
      ui.engine.value = engine;
      ui.backend.value = backend;
      ui.engineOut.textContent = engine;
    }
  }
}

ui.start.addEventListener('click', () => {
  alerts.unlockSound();
  void startCamera();
});
ui.calibrate.addEventListener('click', () => {
  alerts.onCalibrate();
  if (client && feed) void calibration.start(client.api, currentTrack);
});
ui.file.addEventListener('change', () => {
  const file = ui.file.files?.[0];
  if (file) void startFile(file);
});
ui.engine.addEventListener('change', () => void switchEngine());
ui.backend.addEventListener('change', () => void switchEngine());
window.addEventListener('pagehide', () => {
  watch.release();
  void stopFeed();
  client?.dispose();
});

const guided = setupGuidedSetup($('view-setup'), {
  async startCamera() {
    alerts.unlockSound();
    await startCamera();
    return feed != null;
  },
  calibrate() {
    if (client && feed) void calibration.start(client.api, currentTrack);
  },
  async askNotifications() {
    if (typeof Notification === 'undefined') return 'unsupported';
    return Notification.requestPermission();
  },
  finish() {
    saveSetupDone(true);
    shell.go('#now');
  },
});
let pageLoading = true;
shell.onRoute((route) => {
  if (route.view === 'setup') guided.open(!pageLoading);
  pageLoading = false;
});
