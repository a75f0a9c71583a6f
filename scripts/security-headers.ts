/**
 * The built app's Content-Security-Policy and Permissions-Policy: put in
 * the built index.html as a meta tag, and sent as headers by `npm run
 * preview` and written to dist/_headers for hosts that read that file.
 *
 * - Scripts only from the app's origin; 'wasm-unsafe-eval' lets the
 *   TensorFlow.js wasm backend compile its WebAssembly (nothing else is
 *   evaluated).
 * - connect-src 'self': models, wasm and the service worker's fetches go to
 *   the app's own origin only; no frame or number can be sent anywhere else.
 * - blob: and mediastream: for the camera picture and a picked video file.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The camera, and the two things a person can opt into: pausing while the
 * screen is locked (idle-detection) and the floating window
 * (picture-in-picture). Everything else a page could ask for is refused.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'idle-detection=(self)',
  'picture-in-picture=(self)',
  'microphone=()',
  'geolocation=()',
  'display-capture=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'payment=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'midi=()',
].join(', ');

/** Headers for every response of the built app. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
