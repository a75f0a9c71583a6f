/** The app's version (package.json, with the build's tag when one is given), set by vite.config.ts. */
declare const __APP_VERSION__: string;
/** The service worker's cache of the models of this version (vite.config.ts). */
declare const __MODELS_CACHE__: string;

/** ImageCapture.grabFrame (Chromium), missing from TypeScript's DOM types. */
interface ImageCapture {
  grabFrame(): Promise<ImageBitmap>;
}
