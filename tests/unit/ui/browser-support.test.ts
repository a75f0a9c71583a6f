import { describe, expect, it } from 'vitest';
import { missingFeatures, type BrowserGlobals } from '../../../src/ui/shell/browser-support';

/** A Worker constructor as browsers have it: the options are converted, then the URL is parsed. */
function workerReading(optionsRead: string[]) {
  return class {
    constructor(url: string, options: Record<string, unknown>) {
      optionsRead.push(String(options.type));
      new URL(url);
      throw new Error('started a worker');
    }
  };
}

/** A Worker constructor from before module workers: it never looks at `type`. */
class ClassicWorker {
  constructor(url: string) {
    new URL(url);
  }
  terminate(): void {}
}

function fullBrowser(optionsRead: string[] = []): BrowserGlobals {
  return {
    isSecureContext: true,
    Worker: workerReading(optionsRead),
    OffscreenCanvas: class {},
    VideoFrame: class {},
    WebAssembly,
    indexedDB: {},
    navigator: { mediaDevices: { getUserMedia: () => Promise.resolve() } },
  };
}

const ids = (g: BrowserGlobals) => missingFeatures(g).map((m) => m.id);

describe('missingFeatures', () => {
  it('finds nothing missing in a browser with it all, reading the worker type without starting one', () => {
    const read: string[] = [];
    expect(missingFeatures(fullBrowser(read))).toEqual([]);
    expect(read).toEqual(['module']);
  });

  it('names each missing feature on its own, in words for the person', () => {
    const without = (over: BrowserGlobals): BrowserGlobals => ({
      ...fullBrowser(),
      ...over,
    });
    expect(ids(without({ Worker: undefined }))).toEqual(['module-worker']);
    expect(ids(without({ Worker: ClassicWorker }))).toEqual(['module-worker']);
    expect(ids(without({ OffscreenCanvas: undefined }))).toEqual(['offscreen-canvas']);
    expect(ids(without({ VideoFrame: undefined }))).toEqual(['video-frame']);
    expect(ids(without({ WebAssembly: undefined }))).toEqual(['wasm-simd']);
    expect(ids(without({ WebAssembly: { validate: () => false } }))).toEqual(['wasm-simd']);
    expect(ids(without({ indexedDB: null }))).toEqual(['indexeddb']);
    expect(ids(without({ navigator: {} }))).toEqual(['camera']);
    expect(ids(without({ navigator: { mediaDevices: {} } }))).toEqual(['camera']);
    expect(ids(without({ isSecureContext: false }))).toEqual(['secure-context']);

    const labels = missingFeatures({ isSecureContext: false }).map((m) => m.label);
    expect(labels).toEqual([
      expect.stringMatching(/https/),
      expect.stringMatching(/module workers/),
      expect.stringMatching(/OffscreenCanvas/),
      'video frames (WebCodecs VideoFrame)',
      expect.stringMatching(/WebAssembly SIMD/),
      expect.stringMatching(/history.*IndexedDB/),
      expect.stringMatching(/camera.*getUserMedia/),
    ]);
  });

  it('names several missing features together, in a fixed order', () => {
    expect(ids({ ...fullBrowser(), VideoFrame: undefined, OffscreenCanvas: undefined })).toEqual([
      'offscreen-canvas',
      'video-frame',
    ]);
    // An empty global object: everything but the secure context, which is only missing when said so.
    expect(ids({})).toEqual([
      'module-worker',
      'offscreen-canvas',
      'video-frame',
      'wasm-simd',
      'indexeddb',
      'camera',
    ]);
  });

  it('asks the real WebAssembly about SIMD, not only whether WebAssembly exists', () => {
    const asked: Uint8Array<ArrayBuffer>[] = [];
    const wasm = {
      validate(bytes: Uint8Array<ArrayBuffer>) {
        asked.push(bytes);
        return WebAssembly.validate(bytes);
      },
    };
    expect(ids({ ...fullBrowser(), WebAssembly: wasm })).toEqual([]);
    expect(asked).toHaveLength(1);
    // The bytes are a module using a v128 instruction (0xfd prefix), valid wasm otherwise.
    expect([...asked[0]!.slice(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    expect(asked[0]!.includes(0xfd)).toBe(true);
    expect(WebAssembly.validate(asked[0]!)).toBe(true);
  });

  it('takes a feature that throws when touched for missing', () => {
    const g = fullBrowser();
    Object.defineProperty(g, 'indexedDB', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    expect(ids(g)).toEqual(['indexeddb']);
  });
});
