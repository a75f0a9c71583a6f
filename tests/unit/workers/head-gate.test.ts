import { describe, expect, it } from 'vitest';
import {
  decodeFace,
  faceAnchors,
  FACE_INPUT_PX,
  HeadGate,
  headMoved,
  nextFaceCrop,
  type Face,
} from '../../../workers/engine/head-gate';

/** A face drawn by hand: centre, width, and the eye line turned by `rollDeg`. */
function face(cx: number, cy: number, width: number, rollDeg = 0): Face {
  const r = (rollDeg * Math.PI) / 180;
  // The six points of a frontal face, as shares of its width from its centre (x right, y down).
  const shape = [
    [-0.2, -0.1],
    [0.2, -0.1],
    [0, 0.05],
    [0, 0.2],
    [-0.45, 0],
    [0.45, 0],
  ];
  const points = new Float32Array(12);
  shape.forEach(([x, y], i) => {
    points[i * 2] = cx + width * (x! * Math.cos(r) - y! * Math.sin(r));
    points[i * 2 + 1] = cy + width * (x! * Math.sin(r) + y! * Math.cos(r));
  });
  return { score: 0.9, cxPx: cx, cyPx: cy, widthPx: width, heightPx: width, points };
}

describe('faceAnchors', () => {
  it('lays two anchors on each cell of a 16 x 16 grid, then six on each of an 8 x 8 grid', () => {
    const a = faceAnchors();
    expect(a.length).toBe(896 * 2);
    expect([a[0], a[1], a[2], a[3]]).toEqual([0.5 / 16, 0.5 / 16, 0.5 / 16, 0.5 / 16]);
    expect([a[4], a[5]]).toEqual([1.5 / 16, 0.5 / 16]);
    // The first anchor of the 8 x 8 grid, after the 512 of the 16 x 16 one.
    expect([a[1024], a[1025]]).toEqual([0.5 / 8, 0.5 / 8]);
    expect([a[896 * 2 - 2], a[896 * 2 - 1]]).toEqual([7.5 / 8, 7.5 / 8]);
  });
});

describe('decodeFace', () => {
  const anchors = faceAnchors();
  const raw = (anchor: number, logit: number, values: number[]) => {
    const out = new Float32Array(896 * 17).fill(-10);
    out[anchor * 17] = logit;
    values.forEach((v, i) => (out[anchor * 17 + 1 + i] = v));
    return out;
  };

  it('takes the best-scoring anchor and maps its box and points back through the crop', () => {
    // Anchor 2 * (16 * 5 + 7) sits at cell (7, 5) of the 16 x 16 grid: (7.5, 5.5) / 16 of the input.
    const anchor = 2 * (16 * 5 + 7);
    const values = [4, -2, 40, 44, ...Array.from({ length: 12 }, (_, i) => i - 6)];
    const f = decodeFace(raw(anchor, 3, values), anchors, { xPx: 100, yPx: 50, sizePx: 256 });
    expect(f).not.toBeNull();
    const k = 256 / FACE_INPUT_PX;
    expect(f!.score).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
    expect(f!.cxPx).toBeCloseTo(100 + (7.5 * 8 + 4) * k, 4);
    expect(f!.cyPx).toBeCloseTo(50 + (5.5 * 8 - 2) * k, 4);
    expect(f!.widthPx).toBeCloseTo(40 * k, 4);
    expect(f!.points[0]).toBeCloseTo(100 + (7.5 * 8 - 6) * k, 4);
    expect(f!.points[11]).toBeCloseTo(50 + (5.5 * 8 + 5) * k, 4);
  });

  it('finds no face when no anchor reaches the score, and refuses output of another shape', () => {
    expect(decodeFace(raw(10, -1, []), anchors, { xPx: 0, yPx: 0, sizePx: 128 })).toBeNull();
    expect(() => decodeFace(new Float32Array(100), anchors, { xPx: 0, yPx: 0, sizePx: 128 })).toThrow(
      /expected 15232/,
    );
  });
});

describe('headMoved', () => {
  const before = face(320, 200, 150);
  it('holds a head that shifted, grew or turned by less than the limits', () => {
    expect(headMoved(before, face(322, 201, 150))).toBe(false); // 1.5 % of its width
    expect(headMoved(before, face(320, 200, 152))).toBe(false); // 1.3 % larger
    expect(headMoved(before, face(320, 200, 150, 0.8))).toBe(false);
  });
  it('lets go of one that shifted by 3 % of its width, grew by 3 % or turned by 1.5°', () => {
    expect(headMoved(before, face(324.5, 200, 150))).toBe(true);
    expect(headMoved(before, face(320, 204.5, 150))).toBe(true);
    expect(headMoved(before, face(320, 200, 154.5))).toBe(true);
    expect(headMoved(before, face(320, 200, 150, 1.5))).toBe(true);
    expect(headMoved(before, face(320, 200, 150, -1.5))).toBe(true);
  });
});

describe('nextFaceCrop', () => {
  it('keeps the square while the face stays well inside it, and centres a new one on a face that left', () => {
    const f = face(320, 200, 100);
    const first = nextFaceCrop(null, f)!;
    expect(first).toEqual({ xPx: 195, yPx: 75, sizePx: 250 });
    expect(nextFaceCrop(first, face(330, 205, 105))).toBe(first);
    const moved = nextFaceCrop(first, face(360, 200, 100))!;
    expect(moved).not.toBe(first);
    expect(moved.xPx + moved.sizePx / 2).toBeCloseTo(360, 6);
    expect(nextFaceCrop(first, null)).toBeNull();
  });
});

describe('HeadGate', () => {
  const crop = { xPx: 100, yPx: 0, sizePx: 400 };
  const f = face(320, 200, 150);
  const gate = () => {
    const g = new HeadGate<string>();
    g.ran(f, crop, { xPx: 0, yPx: 0, sizePx: 375 }, 1000, 'pose A');
    return g;
  };
  const faceCrop = { xPx: 0, yPx: 0, sizePx: 375 };

  it('gives back the pose while the head is held, and not once it is older than allowed', () => {
    const g = gate();
    expect(g.reuse(face(321, 200, 150), crop, faceCrop, 5000, 10_000)).toBe('pose A');
    expect(g.reuse(face(321, 200, 150), crop, faceCrop, 11_000, 10_000)).toBeNull();
    expect(g.reuse(face(321, 200, 150), crop, faceCrop, 900, 10_000)).toBeNull();
    expect(g.reuse(face(321, 200, 150), crop, faceCrop, 5000, 0)).toBeNull();
  });

  it('runs the model when the head moved, no face was found, or either crop changed', () => {
    const g = gate();
    expect(g.reuse(face(330, 200, 150), crop, faceCrop, 2000, 10_000)).toBeNull();
    expect(g.reuse(null, crop, faceCrop, 2000, 10_000)).toBeNull();
    expect(g.reuse(f, { ...crop, xPx: 110 }, faceCrop, 2000, 10_000)).toBeNull();
    expect(g.reuse(f, crop, { ...faceCrop, sizePx: 380 }, 2000, 10_000)).toBeNull();
    g.forget();
    expect(g.faceCrop).toBeNull();
    expect(g.reuse(f, crop, faceCrop, 2000, 10_000)).toBeNull();
  });

  it('keys on nothing when the model ran without a face', () => {
    const g = gate();
    g.ran(null, crop, faceCrop, 3000, 'pose B');
    expect(g.reuse(f, crop, faceCrop, 4000, 10_000)).toBeNull();
  });
});
