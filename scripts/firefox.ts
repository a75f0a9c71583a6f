/**
 * Firefox for tests and the bench: Debian's firefox-esr, driven by
 * playwright-core 1.64 over WebDriver BiDi (`channel: 'moz-firefox'`).
 * Its fake camera is a synthetic picture; real footage reaches it through
 * a canvas stream (tests/e2e/firefox-camera.ts) or the app's file input.
 */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Preferences: a fake camera and microphone, granted without asking; no network chatter. */
export const firefoxPrefs: Record<string, string | number | boolean> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.camera': 1,
  'permissions.default.desktop-notification': 1,
  'browser.shell.checkDefaultBrowser': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.update.enabled': false,
  // The machines that run the tests have no sound device: without it an AudioContext never starts.
  'media.cubeb.force_mock_context': true,
  // The test camera draws clips from video elements, which must keep playing behind another tab.
  'media.suspend-bkgnd-video.enabled': false,
};

export const firefoxLaunch = {
  channel: 'moz-firefox',
  executablePath: firefoxPath,
  headless: true,
  firefoxUserPrefs: firefoxPrefs,
};
