/** The page: wires the camera or a file, the pose worker and the live view. */
import { ENGINES, type BackendChoice, type EngineName } from '../core/pose';
import type { PostureFrameResult as PoseFrameResult } from '../../workers/engine/api';
import { openCamera } from './capture/camera';
import { byId as $ } from './shell/dom';
import { feedTrack, pullFrames } from './capture/feed';
import { clearPose, drawPose } from './live/overlay';
import { createPoseClient } from './capture/pose-client';
import { MonitoringSession, describeError } from './capture/session';
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

/** Starts the app on the page: called once, by src/ui/boot.ts, in a browser that has what it needs. */
export function startApp(): void {
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
    guided: $('calibration-guided'),
    metrics: ui.metrics,
    // A new camera sees the person from somewhere else: the framing is checked again once it runs.
    onCameraChanged: () => (setupOnStart = true),
  });
  const fov = setupFov(
    {
      select: $<HTMLSelectElement>('fov'),
      customField: $('fov-custom-field'),
      custom: $<HTMLInputElement>('fov-custom'),
      error: $('fov-error'),
    },
    () => session.workerApi,
    (api, chosen) => calibration.useFov(api, chosen),
  );
  const eyeDistance = setupEyeDistance(
    {
      input: $<HTMLInputElement>('eye-distance'),
      error: $('eye-distance-error'),
      note: $('eye-distance-note'),
    },
    () => session.workerApi,
  );
  for (const { name, label } of ENGINES) ui.engine.add(new Option(label, name));

  const alerts = setupAlerts(() => session.workerApi);
  setupIdlePause($<HTMLInputElement>('pause-when-locked'), $('idle-status'), (locked) =>
    alerts.setScreenLocked(locked),
  );
  const sampling = setupSampling(ui.sampling, ui.samplingOut, () => session.workerApi);
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

  function say(text: string | null, kind: 'error' | 'info' = 'error'): void {
    ui.message.hidden = text === null;
    ui.message.textContent = text ?? '';
    ui.message.className = kind;
  }

  function showResult(result: PoseFrameResult): void {
    status.count(result);
    calibration.follow(result);
    alerts.handle(result.alerts);
    history.record(result);
    sampling.follow(result.sampling, session.currentTrack);
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

  /** The camera starting is another one than calibrated with: the guided setup opens at its framing check. */
  let setupOnStart = false;
  const session = new MonitoringSession({
    view: {
      say,
      async showStream(stream) {
        ui.video.srcObject = stream;
        await ui.video.play();
        ui.placeholder.hidden = true;
      },
      started(mode, stream) {
        if (setupOnStart) {
          setupOnStart = false;
          shell.go('#setup');
        }
        ui.pathOut.textContent = mode === 'worker-stream' ? 'camera → worker' : 'page → worker';
        ui.calibrate.disabled = false;
        if (stream) preview.attach(stream, mode);
      },
      stopped() {
        preview.detach();
        clearPose(ui.overlay);
      },
      movedAway() {
        ui.video.srcObject = null;
        ui.calibrate.disabled = true;
        ui.placeholder.hidden = false;
      },
      engineLoading: (engine) => status.loading(engine),
      engineLoaded: (info) => status.loaded(info),
      engineShown(engine, backend) {
        ui.engine.value = engine;
        ui.backend.value = backend;
        ui.engineOut.textContent = engine;
      },
    },
    choice: () => ({ engine: ui.engine.value as EngineName, backend: ui.backend.value as BackendChoice }),
    createClient: createPoseClient,
    openCamera: () => openCamera(),
    feedTrack: (client, track, handlers) => feedTrack(client, track, ui.video, handlers),
    pullFrames,
    recovery: createRecovery(),
    watchLock: createWatchLock,
    async configure(api) {
      await alerts.configure(api);
      await sampling.configure(api);
    },
    async useSource(api, track) {
      if (!track) {
        await calibration.useFov(api, await fov.apply(api, ''));
        return;
      }
      sampling.resetTrack();
      await eyeDistance.apply(api);
      // The camera's field of view goes to the worker before the stored neutral, which is used only if taken with it.
      await calibration.useStored(api, track, await fov.apply(api, track.label));
    },
    handlers: {
      onResult: showResult,
      onError: (message) => say(`Pose estimation failed: ${message}`),
    },
  });

  session.setPageHidden(document.hidden);
  document.addEventListener('visibilitychange', () => session.setPageHidden(document.hidden));

  /** The worker's tensor count, every few seconds while the page is seen: it must stay flat for hours. */
  setInterval(() => {
    const api = session.api;
    if (document.hidden || !api) return;
    api.stats().then(
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

  async function startFile(file: File): Promise<void> {
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
      preview.attach(null, 'page-pull'); // the file plays in the element itself
    } catch (err) {
      say(describeError(err));
    }
  }

  ui.start.addEventListener('click', () => {
    alerts.unlockSound();
    void session.startCamera();
  });
  /** Starts calibrating on what is being watched (nothing when nothing is). */
  function calibrateNow(): void {
    const api = session.workerApi;
    if (api && session.running) void calibration.start(api, session.currentTrack, session.watchingCamera);
  }
  ui.calibrate.addEventListener('click', () => {
    alerts.onCalibrate();
    calibrateNow();
  });
  ui.file.addEventListener('change', () => {
    const file = ui.file.files?.[0];
    if (file) void startFile(file);
  });
  ui.engine.addEventListener('change', () => void session.switchEngine());
  ui.backend.addEventListener('change', () => void session.switchEngine());
  window.addEventListener('pagehide', () => session.dispose());

  const guided = setupGuidedSetup($('view-setup'), {
    async startCamera() {
      alerts.unlockSound();
      await session.startCamera();
      return session.running;
    },
    calibrate: calibrateNow,
    skipGuided: () => void session.workerApi?.skipGuided(),
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
}
