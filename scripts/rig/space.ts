/**
 * The rig's own small 3D toolkit. World space: x to the camera's right (the
 * person's left), y down (gravity), z away from the camera, level with the
 * floor; centimetres. The person sits facing the camera, so "forward" for
 * them is -z.
 */
export type V3 = readonly [number, number, number];

export const add = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: V3, s: number): V3 => [a[0] * s, a[1] * s, a[2] * s];
export const mid = (a: V3, b: V3): V3 => scale(add(a, b), 0.5);
export const norm = (a: V3): number => Math.hypot(a[0], a[1], a[2]);
export const rad = (deg: number): number => (deg * Math.PI) / 180;
export const deg = (r: number): number => (r * 180) / Math.PI;

/** A rotation as a 3x3 matrix, rows first. */
export type M3 = readonly [V3, V3, V3];

export const apply = (m: M3, v: V3): V3 => [
  m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
  m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
  m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
];

export function compose(a: M3, b: M3): M3 {
  const col = (j: 0 | 1 | 2): V3 => [b[0][j], b[1][j], b[2][j]];
  const row = (i: number): V3 => {
    const r = a[i]!;
    const c0 = col(0);
    const c1 = col(1);
    const c2 = col(2);
    return [
      r[0] * c0[0] + r[1] * c0[1] + r[2] * c0[2],
      r[0] * c1[0] + r[1] * c1[1] + r[2] * c1[2],
      r[0] * c2[0] + r[1] * c2[1] + r[2] * c2[2],
    ];
  };
  return [row(0), row(1), row(2)];
}

export const IDENTITY: M3 = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** About the x axis; positive turns +z (away) towards +y (down): a face (at -z) tips up. */
export function aboutX(degrees: number): M3 {
  const c = Math.cos(rad(degrees));
  const s = Math.sin(rad(degrees));
  return [
    [1, 0, 0],
    [0, c, -s],
    [0, s, c],
  ];
}

/** About the y axis (vertical); positive turns +x towards -z. */
export function aboutY(degrees: number): M3 {
  const c = Math.cos(rad(degrees));
  const s = Math.sin(rad(degrees));
  return [
    [c, 0, s],
    [0, 1, 0],
    [-s, 0, c],
  ];
}

/** About the z axis (the camera's line of sight); positive turns +x towards +y. */
export function aboutZ(degrees: number): M3 {
  const c = Math.cos(rad(degrees));
  const s = Math.sin(rad(degrees));
  return [
    [c, -s, 0],
    [s, c, 0],
    [0, 0, 1],
  ];
}

/** Rotates `p` by `m` about `pivot`. */
export const rotateAbout = (p: V3, pivot: V3, m: M3): V3 => add(pivot, apply(m, sub(p, pivot)));

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded source of the random draws the rig makes. */
export class Draw {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = uniform(seed);
  }
  /** Uniform in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.u();
  }
  /** A typical value varied by up to ±share of itself. */
  around(typical: number, share: number): number {
    return typical * (1 + this.between(-share, share));
  }
  /** Standard normal (Box-Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.u() + 1e-12)) * Math.cos(2 * Math.PI * this.u());
  }
  chance(p: number): boolean {
    return this.u() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.min(items.length - 1, Math.floor(this.u() * items.length))]!;
  }
}
