/** The app's version (package.json, with the build's tag when one is given), set by vite.config.ts. */
declare const __APP_VERSION__: string;
