/**
 * Known moves applied to a real frame, in the browser: each is a pure
 * function of the source picture that returns a new picture of the same
 * size. Geometric moves are inverse-mapping warps (every output pixel looks
 * up where it came from, sampled bilinearly), so several moves and the
 * held-still jitter on top compose into one mapping and one sampling pass.
 * Where a move uncovers area outside the source, the source's edge pixels
 * are repeated (as a camera would show more of the same wall or shirt),
 * never black.
 *
 * Coordinates are pixels, x to the right, y down, with (0, 0) at the
 * top-left corner of the top-left pixel. Angles are degrees, positive
 * clockwise on screen (as tests/browser/media.ts rotates).
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A known move, as plain data (it is recorded with every case). */
export type Move =
  | { kind: 'none' }
  /** The whole picture shifted: the person sank (dy > 0), rose or slid. */
  | { kind: 'translate'; dxPx: number; dyPx: number }
  /** The whole picture scaled about `centre` (the principal point): above 1 the person came nearer. */
  | { kind: 'zoom'; scale: number; centre: Point }
  /** The whole picture turned about `pivot` (below the frame: a lean at the hips). */
  | { kind: 'rotate'; deg: number; pivot: Point }
  /**
   * The head scaled by `scale` about `centre` within `innerRadiusPx`,
   * blending smoothly to no change at `outerRadiusPx`: the head came towards
   * the camera while neck and shoulders stayed.
   */
  | { kind: 'headZoom'; scale: number; centre: Point; innerRadiusPx: number; outerRadiusPx: number }
  /**
   * Everything below `topY` squeezed horizontally towards `centreX` by
   * `factor`, blended in over `blendPx` above it: the shoulders' span narrowed.
   */
  | { kind: 'squeezeShoulders'; factor: number; centreX: number; topY: number; blendPx: number }
  /**
   * The given regions blurred and pulled towards their mean colour
   * (`strength` 0: blurred only; 1: flat mean colour): shoulders under
   * bulky clothes, which the model finds only faintly. Applied to the
   * source before any geometric move, in the source's coordinates.
   */
  | { kind: 'fadeShoulders'; strength: number; boxes: Box[] }
  /**
   * Something in front of the picture: an object drawn over `box` (a mug
   * held up, a headset, the wing of a chair coming in from the side), or
   * the pixels of `from` (another committed picture: a real hand, real
   * hair) pasted over `box` through a soft oval. Applied to the source
   * before any geometric move, like fadeShoulders.
   */
  | { kind: 'cover'; object: CoverObject; box: Box; colour: Rgb }
  | { kind: 'paste'; from: string; source: Box; box: Box }
  /**
   * The regions pulled towards the mean colour of `wall` (clothing the
   * colour of the wall behind), with their texture kept at `keep` of its
   * contrast.
   */
  | { kind: 'fadeToWall'; boxes: Box[]; wall: Box; keep: number }
  /** The moves in order (the first is applied first). */
  | { kind: 'combine'; moves: Move[] };

export type CoverObject = 'mug' | 'headset' | 'wing';
export type Rgb = readonly [number, number, number];

/** A shift and a zoom about the frame centre on top of a move, as between frames of someone sitting still. */
export interface Jitter {
  dxPx: number;
  dyPx: number;
  scale: number;
}

/** Seven frames of someone holding still: shifts of up to 4 px and zooms of up to 1 % (as posture-footage.test.ts). */
export const HELD_STILL_JITTER: readonly Jitter[] = [
  { dxPx: 0, dyPx: 0, scale: 1 },
  { dxPx: -3, dyPx: 2, scale: 0.995 },
  { dxPx: 3, dyPx: -2, scale: 1.005 },
  { dxPx: -2, dyPx: -3, scale: 1.01 },
  { dxPx: 2, dyPx: 3, scale: 0.99 },
  { dxPx: 4, dyPx: 0, scale: 1 },
  { dxPx: -4, dyPx: 0, scale: 1 },
  { dxPx: 0.5, dyPx: -1.5, scale: 1.003 },
  { dxPx: -1.5, dyPx: 0.5, scale: 0.997 },
  { dxPx: 1.5, dyPx: 4, scale: 1 },
  { dxPx: -0.5, dyPx: -4, scale: 1.007 },
  { dxPx: 2.5, dyPx: 1.5, scale: 0.993 },
  { dxPx: -2.5, dyPx: -0.5, scale: 1 },
  { dxPx: 1, dyPx: -2.5, scale: 0.996 },
];

/**
 * Where output pixels' content comes from: takes the points (xs[i], ys[i])
 * of the output and replaces them with their points in the source.
 */
type InverseMap = (xs: Float64Array, ys: Float64Array) => void;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Smooth 0..1 ramp between edge0 and edge1. */
function smoothstep(edge0: number, edge1: number, v: number): number {
  const t = Math.min(1, Math.max(0, (v - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

function inverseOf(move: Move): InverseMap[] {
  switch (move.kind) {
    case 'none':
    case 'fadeShoulders':
    case 'cover':
    case 'paste':
    case 'fadeToWall':
      return [];
    case 'translate': {
      const { dxPx, dyPx } = move;
      return [
        (xs, ys) => {
          for (let i = 0; i < xs.length; i++) {
            xs[i]! -= dxPx;
            ys[i]! -= dyPx;
          }
        },
      ];
    }
    case 'zoom': {
      const { scale, centre } = move;
      return [
        (xs, ys) => {
          for (let i = 0; i < xs.length; i++) {
            xs[i] = centre.x + (xs[i]! - centre.x) / scale;
            ys[i] = centre.y + (ys[i]! - centre.y) / scale;
          }
        },
      ];
    }
    case 'rotate': {
      const { pivot } = move;
      // The inverse turns the other way.
      const cos = Math.cos(rad(move.deg));
      const sin = Math.sin(rad(move.deg));
      return [
        (xs, ys) => {
          for (let i = 0; i < xs.length; i++) {
            const u = xs[i]! - pivot.x;
            const v = ys[i]! - pivot.y;
            xs[i] = pivot.x + u * cos + v * sin;
            ys[i] = pivot.y - u * sin + v * cos;
          }
        },
      ];
    }
    case 'headZoom': {
      const { scale, centre, innerRadiusPx: r0, outerRadiusPx: r1 } = move;
      if (!(r1 > r0 && r0 > 0)) throw new Error(`headZoom: radii ${r0}, ${r1} must be 0 < inner < outer`);
      // The factor from output to source radius runs smoothly from 1/scale (inside r0) to 1 (beyond r1).
      // Output radius r maps to source radius r * k(r); it must grow with r (no fold), which
      // holds for any scale above 1 and for scales down to about 0.8 with r1 = 1.6 r0.
      const inner = 1 / scale;
      return [
        (xs, ys) => {
          for (let i = 0; i < xs.length; i++) {
            const u = xs[i]! - centre.x;
            const v = ys[i]! - centre.y;
            const k = inner + (1 - inner) * smoothstep(r0, r1, Math.sqrt(u * u + v * v));
            xs[i] = centre.x + u * k;
            ys[i] = centre.y + v * k;
          }
        },
      ];
    }
    case 'squeezeShoulders': {
      const { factor, centreX, topY, blendPx } = move;
      return [
        (xs, ys) => {
          for (let i = 0; i < xs.length; i++) {
            const w = smoothstep(topY - blendPx, topY, ys[i]!);
            xs[i] = centreX + (xs[i]! - centreX) * (1 + w * (1 / factor - 1));
          }
        },
      ];
    }
    case 'combine':
      return move.moves.flatMap(inverseOf);
  }
}

function jitterMoves(j: Jitter, width: number, height: number): Move[] {
  return [
    { kind: 'zoom', scale: j.scale, centre: { x: width / 2, y: height / 2 } },
    { kind: 'translate', dxPx: j.dxPx, dyPx: j.dyPx },
  ];
}

type PixelMove = Extract<Move, { kind: 'fadeShoulders' | 'cover' | 'paste' | 'fadeToWall' }>;

function pixelMoves(move: Move): PixelMove[] {
  switch (move.kind) {
    case 'fadeShoulders':
    case 'cover':
    case 'paste':
    case 'fadeToWall':
      return [move];
    case 'combine':
      return move.moves.flatMap(pixelMoves);
    default:
      return [];
  }
}

/** The committed pictures a move's `paste` takes pixels from, by name. */
export type PasteSources = ReadonlyMap<string, ImageData>;

/** The pictures `move` pastes from. */
export function pasteSources(move: Move): string[] {
  return pixelMoves(move).flatMap((m) => (m.kind === 'paste' ? [m.from] : []));
}

function applyPixelMove(pixels: ImageData, m: PixelMove, sources: PasteSources): ImageData {
  switch (m.kind) {
    case 'fadeShoulders':
      return fadeRegions(pixels, m.strength, m.boxes);
    case 'cover':
      return drawCover(pixels, m.object, m.box, m.colour);
    case 'paste': {
      const from = sources.get(m.from);
      if (!from) throw new Error(`paste: no picture ${m.from}`);
      return pasteOval(pixels, from, m.source, m.box);
    }
    case 'fadeToWall':
      return fadeToWall(pixels, m.boxes, m.wall, m.keep);
  }
}

/**
 * `move` (then `jitter`, if given) applied to `source`: its pixel changes
 * first, then all its geometric moves as one warp. Returns new pixels.
 */
export function renderMove(
  source: ImageData,
  move: Move,
  jitter?: Jitter,
  sources: PasteSources = new Map(),
): ImageData {
  let pixels = source;
  for (const m of pixelMoves(move)) pixels = applyPixelMove(pixels, m, sources);
  const maps = inverseOf(move);
  if (jitter) maps.push(...jitterMoves(jitter, source.width, source.height).flatMap(inverseOf));
  // Output to source: the last move's inverse first.
  maps.reverse();
  if (maps.length > 0) return warp(pixels, maps);
  return pixels === source
    ? new ImageData(new Uint8ClampedArray(source.data), source.width, source.height)
    : pixels;
}

/** Every output pixel sampled bilinearly from where `maps` (applied in order) send its centre; edges repeat. */
function warp(source: ImageData, maps: readonly InverseMap[]): ImageData {
  const { width, height } = source;
  const xs = new Float64Array(width * height);
  const ys = new Float64Array(width * height);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      xs[i] = x + 0.5;
      ys[i] = y + 0.5;
    }
  }
  for (const map of maps) map(xs, ys);
  const src = source.data;
  const out = new ImageData(width, height);
  const dst = out.data;
  for (let i = 0, o = 0; i < xs.length; i++, o += 4) {
    // Pixel centres sit at half-integers.
    const fx = Math.min(width - 1, Math.max(0, xs[i]! - 0.5));
    const fy = Math.min(height - 1, Math.max(0, ys[i]! - 0.5));
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const ax = fx - x0;
    const ay = fy - y0;
    const i00 = (y0 * width + x0) * 4;
    const i01 = x0 + 1 < width ? i00 + 4 : i00;
    const i10 = y0 + 1 < height ? i00 + width * 4 : i00;
    const i11 = i10 + (i01 - i00);
    for (let c = 0; c < 3; c++) {
      const top = src[i00 + c]! + (src[i01 + c]! - src[i00 + c]!) * ax;
      const bottom = src[i10 + c]! + (src[i11 + c]! - src[i10 + c]!) * ax;
      dst[o + c] = top + (bottom - top) * ay;
    }
    dst[o + 3] = 255;
  }
  return out;
}

/** Box blur of one channel-interleaved RGBA region along rows (horizontal) or columns, edges repeated. */
function boxBlurPass(
  data: Float32Array,
  width: number,
  height: number,
  radius: number,
  horizontal: boolean,
): Float32Array {
  const out = new Float32Array(data.length);
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const step = horizontal ? 4 : width * 4;
  const n = 2 * radius + 1;
  for (let line = 0; line < lines; line++) {
    const base = horizontal ? line * width * 4 : line * 4;
    for (let c = 0; c < 3; c++) {
      const at = (i: number) => data[base + Math.min(length - 1, Math.max(0, i)) * step + c]!;
      let sum = 0;
      for (let i = -radius; i <= radius; i++) sum += at(i);
      for (let i = 0; i < length; i++) {
        out[base + i * step + c] = sum / n;
        sum += at(i + radius + 1) - at(i - radius);
      }
    }
  }
  return out;
}

const FADE_FEATHER_PX = 16;

/** The regions blurred (three box passes each way) and pulled towards their mean colour, feathered at their edges. */
function fadeRegions(source: ImageData, strength: number, boxes: readonly Box[]): ImageData {
  const { width, height } = source;
  const out = new ImageData(new Uint8ClampedArray(source.data), width, height);
  for (const box of boxes) {
    const x0 = Math.max(0, Math.round(box.x));
    const y0 = Math.max(0, Math.round(box.y));
    const x1 = Math.min(width, Math.round(box.x + box.width));
    const y1 = Math.min(height, Math.round(box.y + box.height));
    const w = x1 - x0;
    const h = y1 - y0;
    if (w <= 0 || h <= 0) continue;
    let region: Float32Array = new Float32Array(w * h * 4);
    const mean = [0, 0, 0];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const s = ((y0 + y) * width + x0 + x) * 4;
        const d = (y * w + x) * 4;
        for (let c = 0; c < 3; c++) {
          region[d + c] = source.data[s + c]!;
          mean[c]! += source.data[s + c]!;
        }
      }
    }
    for (let c = 0; c < 3; c++) mean[c]! /= w * h;
    const radius = Math.max(2, Math.round(Math.min(w, h) / 8));
    for (let pass = 0; pass < 3; pass++) {
      region = boxBlurPass(region, w, h, radius, true);
      region = boxBlurPass(region, w, h, radius, false);
    }
    // Faded in over the box's outer 16 px, so that no new edge appears at its border.
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const a = smoothstep(0, FADE_FEATHER_PX, Math.min(x + 0.5, w - x - 0.5, y + 0.5, h - y - 0.5));
        const s = ((y0 + y) * width + x0 + x) * 4;
        const d = (y * w + x) * 4;
        for (let c = 0; c < 3; c++) {
          const target = region[d + c]! + (mean[c]! - region[d + c]!) * strength;
          out.data[s + c] = source.data[s + c]! + (target - source.data[s + c]!) * a;
        }
      }
    }
  }
  return out;
}

function canvasOf(pixels: ImageData): OffscreenCanvasRenderingContext2D {
  const canvas = new OffscreenCanvas(pixels.width, pixels.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.putImageData(pixels, 0, 0);
  return ctx;
}

const css = (c: Rgb, k = 1) => `rgb(${c.map((v) => Math.round(Math.min(255, v * k))).join(', ')})`;

/**
 * An object drawn over `box`, shaded as a lit solid: a mug (a cylinder
 * with a handle on its right), a headset (two ear cups on a band), or the
 * wing of a chair (a padded shape from the box's outer side, the side
 * nearer the picture's edge).
 */
function drawCover(pixels: ImageData, object: CoverObject, box: Box, colour: Rgb): ImageData {
  const ctx = canvasOf(pixels);
  const { x, y, width: w, height: h } = box;
  const shade = (x0: number, x1: number) => {
    const g = ctx.createLinearGradient(x0, 0, x1, 0);
    g.addColorStop(0, css(colour, 0.55));
    g.addColorStop(0.35, css(colour, 1.15));
    g.addColorStop(1, css(colour, 0.6));
    return g;
  };
  if (object === 'mug') {
    const body = w * 0.78;
    ctx.fillStyle = shade(x, x + body);
    ctx.beginPath();
    ctx.roundRect(x, y + h * 0.06, body, h * 0.94, [4, 4, body * 0.12, body * 0.12]);
    ctx.fill();
    ctx.fillStyle = css(colour, 0.4);
    ctx.beginPath();
    ctx.ellipse(x + body / 2, y + h * 0.06, body / 2, h * 0.06, 0, 0, 2 * Math.PI);
    ctx.fill();
    ctx.strokeStyle = css(colour, 0.8);
    ctx.lineWidth = w * 0.07;
    ctx.beginPath();
    ctx.ellipse(x + body, y + h * 0.45, w * 0.17, h * 0.2, 0, -Math.PI / 2, Math.PI / 2);
    ctx.stroke();
  } else if (object === 'headset') {
    ctx.strokeStyle = css(colour, 0.9);
    ctx.lineWidth = Math.max(4, w * 0.09);
    ctx.beginPath();
    ctx.ellipse(x + w / 2, y + h * 0.55, w * 0.42, h * 0.45, 0, Math.PI * 1.05, Math.PI * 1.95);
    ctx.stroke();
    for (const cx of [x + w * 0.12, x + w * 0.88]) {
      ctx.fillStyle = shade(cx - w * 0.14, cx + w * 0.14);
      ctx.beginPath();
      ctx.ellipse(cx, y + h * 0.72, w * 0.14, h * 0.26, 0, 0, 2 * Math.PI);
      ctx.fill();
    }
  } else {
    const outerLeft = x + w / 2 < pixels.width / 2;
    const edge = outerLeft ? x : x + w;
    const inner = outerLeft ? x + w : x;
    ctx.fillStyle = shade(Math.min(edge, inner), Math.max(edge, inner));
    ctx.beginPath();
    ctx.moveTo(edge, y + h);
    ctx.lineTo(edge, y);
    ctx.quadraticCurveTo(inner, y, inner, y + h * 0.35);
    ctx.lineTo(inner, y + h);
    ctx.closePath();
    ctx.fill();
  }
  return ctx.getImageData(0, 0, pixels.width, pixels.height);
}

/** `source` of `from` scaled into `box` of the picture through an oval that fades over its outer fifth. */
function pasteOval(pixels: ImageData, from: ImageData, source: Box, box: Box): ImageData {
  const out = new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(pixels.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(pixels.width, box.x + box.width); x++) {
      const r = Math.hypot((x + 0.5 - cx) / (box.width / 2), (y + 0.5 - cy) / (box.height / 2));
      const a = 1 - smoothstep(0.8, 1, r);
      if (a <= 0) continue;
      const sx = Math.floor(source.x + ((x + 0.5 - box.x) / box.width) * source.width);
      const sy = Math.floor(source.y + ((y + 0.5 - box.y) / box.height) * source.height);
      const s =
        (Math.min(from.height - 1, Math.max(0, sy)) * from.width +
          Math.min(from.width - 1, Math.max(0, sx))) *
        4;
      const o = (y * pixels.width + x) * 4;
      for (let c = 0; c < 3; c++)
        out.data[o + c] = pixels.data[o + c]! + (from.data[s + c]! - pixels.data[o + c]!) * a;
    }
  }
  return out;
}

/** The mean colour of a region. */
function meanColour(pixels: ImageData, box: Box): Rgb {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.max(0, box.y); y < Math.min(pixels.height, box.y + box.height); y++) {
    for (let x = Math.max(0, box.x); x < Math.min(pixels.width, box.x + box.width); x++) {
      const o = (y * pixels.width + x) * 4;
      for (let c = 0; c < 3; c++) sum[c]! += pixels.data[o + c]!;
      n += 1;
    }
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** The regions' colours moved to the wall's mean colour, their own variation kept at `keep`, feathered at the edges. */
function fadeToWall(pixels: ImageData, boxes: readonly Box[], wallBox: Box, keep: number): ImageData {
  const wall = meanColour(pixels, wallBox);
  const out = new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
  for (const box of boxes) {
    const own = meanColour(pixels, box);
    for (let y = Math.max(0, box.y); y < Math.min(pixels.height, box.y + box.height); y++) {
      for (let x = Math.max(0, box.x); x < Math.min(pixels.width, box.x + box.width); x++) {
        const d = Math.min(x - box.x, box.x + box.width - 1 - x, y - box.y, box.y + box.height - 1 - y);
        const a = smoothstep(0, FADE_FEATHER_PX, d + 0.5);
        const o = (y * pixels.width + x) * 4;
        for (let c = 0; c < 3; c++) {
          const v = pixels.data[o + c]!;
          const target = wall[c]! + (v - own[c]!) * keep;
          out.data[o + c] = v + (target - v) * a;
        }
      }
    }
  }
  return out;
}

/** The pixels of a picture. */
export function pixelsOf(source: ImageBitmap): ImageData {
  const canvas = new OffscreenCanvas(source.width, source.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(source, 0, 0);
  return ctx.getImageData(0, 0, source.width, source.height);
}

/** A picture of the pixels. */
export function bitmapOf(pixels: ImageData): ImageBitmap {
  const canvas = new OffscreenCanvas(pixels.width, pixels.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.putImageData(pixels, 0, 0);
  return canvas.transferToImageBitmap();
}

/** `move` (then `jitter`) applied to a picture: a new picture of the same size. */
export function applyMove(source: ImageBitmap, move: Move, jitter?: Jitter): ImageBitmap {
  return bitmapOf(renderMove(pixelsOf(source), move, jitter));
}

const centreOf = (source: { width: number; height: number }): Point => ({
  x: source.width / 2,
  y: source.height / 2,
});

/** Shifted by (dx, dy) px: the person sank (dy > 0), rose or slid. Pushing down far enough takes the shoulders out of the frame. */
export const translate = (source: ImageBitmap, dxPx: number, dyPx: number): ImageBitmap =>
  applyMove(source, { kind: 'translate', dxPx, dyPx });

/** Zoomed by `scale` about the frame centre (the principal point): above 1 the whole person came nearer. */
export const zoom = (source: ImageBitmap, scale: number): ImageBitmap =>
  applyMove(source, { kind: 'zoom', scale, centre: centreOf(source) });

/** Turned by `deg` (clockwise on screen) about `pivot`, by default the frame centre. */
export const rotate = (source: ImageBitmap, deg: number, pivot: Point = centreOf(source)): ImageBitmap =>
  applyMove(source, { kind: 'rotate', deg, pivot });

/** The head scaled by `scale` about `centre`, blending out between the two radii. */
export const headZoom = (
  source: ImageBitmap,
  scale: number,
  centre: Point,
  innerRadiusPx: number,
  outerRadiusPx: number,
): ImageBitmap => applyMove(source, { kind: 'headZoom', scale, centre, innerRadiusPx, outerRadiusPx });

/** Everything below `topY` squeezed towards `centreX` by `factor`, blended in over 20 px above it. */
export const squeezeShoulders = (
  source: ImageBitmap,
  factor: number,
  centreX: number,
  topY: number,
): ImageBitmap => applyMove(source, { kind: 'squeezeShoulders', factor, centreX, topY, blendPx: 20 });

/** The regions blurred and pulled towards their mean colour by `strength` (0..1). */
export const fadeShoulders = (source: ImageBitmap, strength: number, boxes: Box[]): ImageBitmap =>
  applyMove(source, { kind: 'fadeShoulders', strength, boxes });

/**
 * Where a point of the source ends up in the picture `move` (then `jitter`)
 * makes: the forward map of the warp, found by fixed-point iteration on
 * its inverse (the moves are near the identity). For checking a model's
 * points against where the move took the points it found on the source.
 */
export function movedPoint(p: Point, move: Move, width: number, height: number, jitter?: Jitter): Point {
  const source = sourceMap(move, width, height, jitter);
  let q = { ...p };
  for (let i = 0; i < 50; i++) {
    const s = source(q);
    const dx = p.x - s.x;
    const dy = p.y - s.y;
    q = { x: q.x + dx, y: q.y + dy };
    if (Math.hypot(dx, dy) < 1e-4) break;
  }
  return q;
}

/** Where a point of the picture `move` (then `jitter`) makes came from in the source. */
export function sourceMap(move: Move, width: number, height: number, jitter?: Jitter): (q: Point) => Point {
  const maps = inverseOf(move);
  if (jitter) maps.push(...jitterMoves(jitter, width, height).flatMap(inverseOf));
  maps.reverse();
  return (q) => {
    const xs = Float64Array.of(q.x);
    const ys = Float64Array.of(q.y);
    for (const m of maps) m(xs, ys);
    return { x: xs[0]!, y: ys[0]! };
  };
}
