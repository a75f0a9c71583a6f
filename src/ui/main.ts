/**
 * The page: wires the camera or a file, the pose worker and the views, in
 * the order a frame's result travels: the session (camera → worker), then
 * each view that renders the result (status, calibration, alerts, history,
 * the live picture and figures, the guided setup).
 */
import { ENGINES, type BackendChoice, type EngineName } from '../core/pose';
import type { PostureFrameResult } from '../protocol/pose-protocol';
import { openCamera } from './capture/camera';
import { byId as $ } from './shell/dom';
import { feedTrack, pullFrames } from './capture/feed';
import { clearPose, drawPose } from './live/overlay';
import { createPoseClient, type Tell } from './capture/pose-client';
import { MonitoringSession, describeError, type SessionView } from './capture/session';
import { damagedItems, loadNeutral, loadSetupDone, saveSetupDone } from './settings/local-store';
import { setupGuidedSetup } from './setup/guided-setup';
import { buildPanel } from './live/posture-panel';
import { createLoopStatus } from './live/loop-status';
import { createCalibrationView } from './live/calibration-ui';
import { setupFov } from './settings/fov-ui';
import { setupEyeDistance } from './settings/eye-distance-ui';
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

type Shell = ReturnType<typeof appShell>;
type Say = (text: string | null, kind?: 'error' | 'info') => void;

/** The Now view's elements the page wires itself. */
function nowElements() {
  return {
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
}
type NowElements = ReturnType<typeof nowElements>;

/** The message line under the controls: an error, a piece of news, or nothing. */
function messageLine(el: HTMLParagraphElement): Say {
  return (text, kind = 'error') => {
    el.hidden = text === null;
    el.textContent = text ?? '';
    el.className = kind;
  };
}

/** Every view that renders a result or sends a setting; `tell` reaches the worker once the session runs. */
function setupViews(ui: NowElements, shell: Shell, tell: Tell, say: Say) {
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
  const calibration = createCalibrationView(
    {
      button: ui.calibrate,
      status: $('calibration-status'),
      progress: $<HTMLProgressElement>('calibration-progress'),
      warnings: $<HTMLUListElement>('calibration-warnings'),
      readings: $('calibration-readings'),
      guided: $('calibration-guided'),
      metrics: ui.metrics,
      // A new camera sees the person from somewhere else: the framing is checked again once it runs.
      onCameraChanged: () => shell.checkFramingOnStart(),
    },
    tell,
  );
  const fov = setupFov(
    {
      select: $<HTMLSelectElement>('fov'),
      customField: $('fov-custom-field'),
      custom: $<HTMLInputElement>('fov-custom'),
      error: $('fov-error'),
    },
    tell,
    (chosen, neutralDropped) => calibration.fovChanged(chosen, neutralDropped),
  );
  const eyeDistance = setupEyeDistance(
    {
      input: $<HTMLInputElement>('eye-distance'),
      error: $('eye-distance-error'),
      note: $('eye-distance-note'),
    },
    tell,
  );
  const alerts = setupAlerts(tell);
  setupIdlePause($<HTMLInputElement>('pause-when-locked'), $('idle-status'), (locked) =>
    alerts.setScreenLocked(locked),
  );
  const sampling = setupSampling(ui.sampling, ui.samplingOut, tell);
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
  const figures = buildPostureFigures($('posture-figures'));
  return { status, calibration, fov, eyeDistance, alerts, sampling, history, preview, figures };
}
type Views = ReturnType<typeof setupViews>;

/** One result through every view: what is kept always, what is drawn only while it is seen. */
function resultShower(ui: NowElements, shell: Shell, v: Views, track: () => MediaStreamTrack | null) {
  return (result: PostureFrameResult, guided: (r: PostureFrameResult) => void): void => {
    v.status.count(result);
    v.calibration.follow(result);
    v.alerts.handle(result.alerts);
    v.history.record(result);
    v.sampling.follow(result.sampling, track());
    if (document.hidden) return; // nothing is drawn while nobody can see it
    v.preview.sampled(captureFpsFor(result.sampling.fps));
    v.status.show(result);
    v.sampling.show(result.sampling);
    v.calibration.show(result);
    if (shell.route.view === 'setup') guided(result);
    // The skeleton and the figures are drawn only where they are seen.
    if (shell.route.view !== 'now') return;
    drawPose(ui.overlay, result);
    v.figures.update(result.posture);
  };
}

/** What the session shows on the page. */
function sessionView(ui: NowElements, shell: Shell, v: Views, say: Say): SessionView {
  return {
    say,
    async showStream(stream) {
      ui.video.srcObject = stream;
      await ui.video.play();
      ui.placeholder.hidden = true;
    },
    started(mode, stream) {
      shell.startedWatching();
      ui.pathOut.textContent = mode === 'worker-stream' ? 'camera → worker' : 'page → worker';
      ui.calibrate.disabled = false;
      if (stream) v.preview.attach(stream, mode);
    },
    stopped() {
      v.preview.detach();
      clearPose(ui.overlay);
    },
    movedAway() {
      ui.video.srcObject = null;
      ui.calibrate.disabled = true;
      ui.placeholder.hidden = false;
    },
    engineLoading: (engine) => v.status.loading(engine),
    engineLoaded: (info) => v.status.loaded(info),
    engineShown(engine, backend) {
      ui.engine.value = engine;
      ui.backend.value = backend;
      ui.engineOut.textContent = engine;
    },
  };
}

/** The session: the camera or a file, the worker, and how the page's settings reach it. */
function createSession(
  ui: NowElements,
  shell: Shell,
  v: Views,
  say: Say,
  onResult: (r: PostureFrameResult) => void,
) {
  return new MonitoringSession({
    view: sessionView(ui, shell, v, say),
    choice: () => ({ engine: ui.engine.value as EngineName, backend: ui.backend.value as BackendChoice }),
    createClient: createPoseClient,
    openCamera: () => openCamera(),
    feedTrack: (client, track, handlers) => feedTrack(client, track, ui.video, handlers),
    pullFrames,
    recovery: createRecovery(),
    watchLock: createWatchLock,
    async configure(worker) {
      await v.alerts.configure(worker);
      await v.sampling.configure(worker);
    },
    async useSource(worker, track) {
      if (!track) {
        const { fov, neutralDropped } = await v.fov.apply(worker, '');
        v.calibration.fovChanged(fov, neutralDropped);
        return;
      }
      v.sampling.resetTrack();
      await v.eyeDistance.apply(worker);
      // The camera's field of view goes to the worker before the stored neutral, which is used only if taken with it.
      const { fov } = await v.fov.apply(worker, track.label);
      await v.calibration.useStored(worker, track, fov);
    },
    handlers: { onResult, onError: (message) => say(`Pose estimation failed: ${message}`) },
  });
}

/** A picked image or video file, monitored instead of the camera. */
async function startFile(file: File, ui: NowElements, session: MonitoringSession, v: Views, say: Say) {
  try {
    await session.prepareForFile();
    ui.placeholder.hidden = true;
    const url = URL.createObjectURL(file);
    if (file.type.startsWith('image/')) {
      const bitmap = await createImageBitmap(file);
      ui.video.removeAttribute('src');
      ui.video.srcObject = null;
      ui.video.poster = url;
      await session.startImage(bitmap);
      return;
    }
    ui.video.srcObject = null;
    ui.video.src = url;
    ui.video.loop = true;
    await ui.video.play();
    const captured = (ui.video as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
    await session.startVideoTrack(captured);
    v.preview.attach(null, 'page-pull'); // the file plays in the element itself
  } catch (err) {
    say(describeError(err));
  }
}

/** The page's own timers and notices: visibility, the tensor count, updates, damaged settings. */
function watchPage(ui: NowElements, session: MonitoringSession, say: Say): void {
  session.setPageHidden(document.hidden);
  document.addEventListener('visibilitychange', () => session.setPageHidden(document.hidden));
  // The worker's tensor count, every few seconds while the page is seen: it must stay flat for hours.
  setInterval(() => {
    if (document.hidden) return;
    void session.engineStats().then((s) => {
      if (s) ui.tensorsOut.textContent = String(s.tensors);
    });
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
}

/** The Now view's buttons and pickers, and the guided setup. */
function wireControls(ui: NowElements, shell: Shell, session: MonitoringSession, v: Views, say: Say) {
  for (const { name, label } of ENGINES) ui.engine.add(new Option(label, name));
  ui.start.addEventListener('click', () => {
    v.alerts.unlockSound();
    void session.startCamera();
  });
  /** Starts calibrating on what is being watched (nothing when nothing is). */
  const calibrateNow = () => {
    if (session.running) void v.calibration.start(session.currentTrack, session.watchingCamera);
  };
  ui.calibrate.addEventListener('click', () => {
    v.alerts.onCalibrate();
    calibrateNow();
  });
  ui.file.addEventListener('change', () => {
    const file = ui.file.files?.[0];
    if (file) void startFile(file, ui, session, v, say);
  });
  ui.engine.addEventListener('change', () => void session.switchEngine());
  ui.backend.addEventListener('change', () => void session.switchEngine());
  window.addEventListener('pagehide', () => session.dispose());

  const guided = setupGuidedSetup($('view-setup'), {
    async startCamera() {
      v.alerts.unlockSound();
      await session.startCamera();
      return session.running;
    },
    calibrate: calibrateNow,
    skipGuided: () => void session.tell((worker) => worker.skipGuided()),
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
    if (route.view === 'setup') guided.open(!pageLoading, session.running);
    pageLoading = false;
  });
  return guided;
}

/** The views and the guided setup's framing check after a camera change. */
function appShell() {
  const shell = setupShell();
  /** The camera starting is another one than calibrated with: the guided setup opens at its framing check. */
  let setupOnStart = false;
  return Object.assign(shell, {
    checkFramingOnStart: () => void (setupOnStart = true),
    startedWatching() {
      if (!setupOnStart) return;
      setupOnStart = false;
      shell.go('#setup');
    },
  });
}

/** Starts the app on the page: called once, by src/ui/boot.ts, in a browser that has what it needs. */
export function startApp(): void {
  setupScheme($<HTMLSelectElement>('scheme'));
  // First run (nothing calibrated, setup never finished): the guided setup.
  if (!location.hash && !loadSetupDone() && !loadNeutral()) window.history.replaceState(null, '', '#setup');
  const shell = appShell();
  const ui = nowElements();
  const say = messageLine(ui.message);
  const tell: Tell = (call) => session.tell(call);
  const views = setupViews(ui, shell, tell, say);
  const show = resultShower(ui, shell, views, () => session.currentTrack);
  const session = createSession(ui, shell, views, say, (result) => show(result, guided.follow));
  watchPage(ui, session, say);
  const guided = wireControls(ui, shell, session, views, say);
}
