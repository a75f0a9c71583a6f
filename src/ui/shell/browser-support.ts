/**
 * What a browser needs to run knotless, each checked on its own so that the
 * page can say what is missing. The checks read only the global object they
 * are given, start nothing and fetch nothing.
 */

export type FeatureId =
  | 'secure-context'
  | 'module-worker'
  | 'offscreen-canvas'
  | 'video-frame'
  | 'wasm-simd'
  | 'indexeddb'
  | 'camera';

export interface MissingFeature {
  readonly id: FeatureId;
  /** What is missing, in words for the person, the web platform's name in brackets. */
  readonly label: string;
}

/** The part of the global object the checks read (window, or a stand-in in tests). */
export interface BrowserGlobals {
  readonly isSecureContext?: boolean;
  readonly Worker?: unknown;
  readonly OffscreenCanvas?: unknown;
  readonly VideoFrame?: unknown;
  readonly WebAssembly?: unknown;
  readonly indexedDB?: unknown;
  readonly navigator?: unknown;
}

/**
 * The smallest module using a SIMD instruction: one function returning
 * i8x16.popcnt(i8x16.splat(i32.const 0)). Validates only where the engine
 * has WebAssembly SIMD.
 */
const SIMD_MODULE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

/** A URL no browser parses: the constructor throws before anything is fetched or started. */
const UNPARSABLE_URL = 'http://[';

type WorkerCtor = new (url: string, options: object) => { terminate(): void };

/**
 * Module workers: a browser that has them reads the `type` option while it
 * converts the options, before it parses the URL and throws; one that does
 * not never looks at `type`.
 */
function hasModuleWorkers(Worker: unknown): boolean {
  if (typeof Worker !== 'function') return false;
  let typeRead = false;
  const options = {
    get type() {
      typeRead = true;
      return 'module';
    },
  };
  try {
    new (Worker as WorkerCtor)(UNPARSABLE_URL, options).terminate();
  } catch {
    // Expected: the URL does not parse.
  }
  return typeRead;
}

function hasWasmSimd(wasm: unknown): boolean {
  if (typeof wasm !== 'object' || wasm === null) return false;
  const api = wasm as { validate?: (bytes: Uint8Array) => unknown };
  return typeof api.validate === 'function' && api.validate(SIMD_MODULE) === true;
}

function hasGetUserMedia(navigator: unknown): boolean {
  if (typeof navigator !== 'object' || navigator === null) return false;
  const devices = (navigator as { mediaDevices?: unknown }).mediaDevices;
  if (typeof devices !== 'object' || devices === null) return false;
  return typeof (devices as { getUserMedia?: unknown }).getUserMedia === 'function';
}

const CHECKS: readonly {
  readonly id: FeatureId;
  readonly label: string;
  readonly present: (g: BrowserGlobals) => boolean;
}[] = [
  {
    id: 'secure-context',
    label:
      'a secure connection: browsers give the camera and video frames only to pages opened over https or from this computer (localhost)',
    present: (g) => g.isSecureContext !== false,
  },
  {
    id: 'module-worker',
    label: 'background work that runs the pose model off the page (module workers)',
    present: (g) => hasModuleWorkers(g.Worker),
  },
  {
    id: 'offscreen-canvas',
    label: 'drawing pictures in the background (OffscreenCanvas)',
    present: (g) => typeof g.OffscreenCanvas === 'function',
  },
  {
    id: 'video-frame',
    label: 'video frames (WebCodecs VideoFrame)',
    present: (g) => typeof g.VideoFrame === 'function',
  },
  {
    id: 'wasm-simd',
    label: 'fast WebAssembly for the pose model (WebAssembly SIMD)',
    present: (g) => hasWasmSimd(g.WebAssembly),
  },
  {
    id: 'indexeddb',
    label: 'storage for your history in this browser (IndexedDB)',
    present: (g) => typeof g.indexedDB === 'object' && g.indexedDB !== null,
  },
  {
    id: 'camera',
    label: 'camera access (navigator.mediaDevices.getUserMedia)',
    present: (g) => hasGetUserMedia(g.navigator),
  },
];

/** What this browser lacks of what knotless needs, in a fixed order; empty when it has it all. */
export function missingFeatures(g: BrowserGlobals): MissingFeature[] {
  const missing: MissingFeature[] = [];
  for (const check of CHECKS) {
    let present: boolean;
    try {
      present = check.present(g);
    } catch {
      // A feature that throws when touched (a blocked storage, say) is not there to use.
      present = false;
    }
    if (!present) missing.push({ id: check.id, label: check.label });
  }
  return missing;
}
