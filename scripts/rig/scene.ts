/**
 * The camera and the pose model of the rig: a pinhole camera placed and
 * pitched in the room, and a detector that reports the body's `seen`
 * points through it with random jitter, the odd outlier, and what a real
 * model does at the picture's edge (a point beyond it is pinned inside the
 * edge with a low score).
 */
import type { Keypoint, KeypointName } from '../../src/core/pose';
import type { Body } from './person';
import { aboutX, apply, rad, sub, type Draw, type V3 } from './space';

export interface Camera {
  widthPx: number;
  heightPx: number;
  /** The true diagonal field of view, degrees. */
  fovDeg: number;
  /** The camera's centre in world space, cm. */
  position: V3;
  /** Tipped down (looking down at the person) by this much, degrees; negative looks up. */
  pitchDeg: number;
}

export function focalPx(c: Pick<Camera, 'widthPx' | 'heightPx' | 'fovDeg'>): number {
  return Math.hypot(c.widthPx, c.heightPx) / 2 / Math.tan(rad(c.fovDeg) / 2);
}

/** Camera coordinates (x right, y down, z along the line of sight) of a world point. */
export function toCamera(c: Camera, p: V3): V3 {
  return apply(aboutX(c.pitchDeg), sub(p, c.position));
}

/** Pixel position of a world point. */
export function project(c: Camera, p: V3): { xPx: number; yPx: number } {
  const [x, y, z] = toCamera(c, p);
  const f = focalPx(c);
  return { xPx: c.widthPx / 2 + (f * x) / z, yPx: c.heightPx / 2 + (f * y) / z };
}

export interface Detector {
  /**
   * Jitter of each coordinate (standard deviation) as a share of the shoulder
   * span in the picture: a model looks at a crop around the person, so its
   * jitter follows the person's size in the picture, not the frame's.
   */
  noiseShare: number;
  /** Share of points thrown off by 8-20 px in a frame. */
  outlierShare: number;
  /** The confidence the model gives the face points and the shoulders when clearly seen. */
  faceScore: number;
  shoulderScore: number;
}

const FACE = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'] as const;
const SEVEN = [...FACE, 'left_shoulder', 'right_shoulder'] as const;
const isFace = (name: KeypointName): boolean => (FACE as readonly KeypointName[]).includes(name);

/** What the pose model reports for `body`: the seven posture points, with jitter, outliers and edge effects. */
export function detect(body: Body, camera: Camera, det: Detector, draw: Draw): Keypoint[] {
  const w = camera.widthPx;
  const h = camera.heightPx;
  const l = project(camera, body.true.left_shoulder);
  const r = project(camera, body.true.right_shoulder);
  const s = Math.hypot(l.xPx - r.xPx, l.yPx - r.yPx) / 200;
  const sd = det.noiseShare * 200 * s;
  return SEVEN.map((name) => {
    const { xPx: x0, yPx: y0 } = project(camera, body.seen[name]);
    let xPx = x0 + sd * draw.normal();
    let yPx = y0 + sd * draw.normal();
    if (draw.chance(det.outlierShare)) {
      const a = draw.between(0, 2 * Math.PI);
      const r = draw.between(8, 20) * s;
      xPx += r * Math.cos(a);
      yPx += r * Math.sin(a);
    }
    let score = (isFace(name) ? det.faceScore : det.shoulderScore) * (1 + 0.06 * draw.normal());
    const margin = Math.min(w, h) * 0.01;
    const outside = x0 < 0 || x0 > w || y0 < 0 || y0 > h;
    if (outside) {
      // A point beyond the edge is reported inside it, with little confidence.
      score *= draw.between(0.15, 0.45);
      xPx = Math.min(w - margin * draw.between(0, 1), Math.max(margin * draw.between(0, 1), xPx));
      yPx = Math.min(h - margin * draw.between(0, 1), Math.max(margin * draw.between(0, 1), yPx));
    } else if (x0 < 3 * margin || x0 > w - 3 * margin || y0 < 3 * margin || y0 > h - 3 * margin) {
      score *= 0.8;
    }
    score = Math.max(0, Math.min(1, score));
    return { name, xPx, yPx, xNorm: xPx / w, yNorm: yPx / h, score };
  });
}
