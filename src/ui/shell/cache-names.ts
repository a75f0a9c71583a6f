/**
 * The service worker's runtime cache of models starts with this, followed
 * by a hash of models/manifest.json (vite.config.ts): each set of models
 * has its own cache, and the page drops the others (app-update.ts).
 */
export const MODELS_CACHE_PREFIX = 'knotless-models-';
