import type { BackendChoice, BackendName } from '../../src/core/pose';

/** A renderer that draws on the CPU: WebGL there is far slower than wasm. */
export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}

/** The order in which backends are tried for a choice. */
export function backendOrder(choice: BackendChoice, renderer: string | null): BackendName[] {
  const gpu = renderer !== null && !isSoftwareRenderer(renderer);
  switch (choice) {
    case 'auto':
      return gpu ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'cpu'];
    case 'webgl':
      return ['webgl', 'wasm', 'cpu'];
    case 'wasm':
      return ['wasm', 'cpu'];
    case 'cpu':
      return ['cpu'];
  }
}

/** The WebGL renderer's name, or null when this context has no WebGL. */
export function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}
