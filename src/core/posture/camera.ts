/**
 * Pinhole camera: what a webcam's pixels mean in centimetres.
 *
 * Assumptions, all stated because a webcam reports none of them:
 * - square pixels and the principal point at the centre of the frame;
 * - a focal length that follows from the diagonal field of view, which is
 *   assumed (DEFAULT_FOV_DEG, a typical webcam's 60-78 degrees) and can be set
 *   per camera in settings;
 * - no lens distortion worth modelling near the centre where the person sits.
 *
 * Camera space: x to the right of the image, y down, z away from the camera,
 * in centimetres. A normalised image point is (xPx - cx) / f, (yPx - cy) / f,
 * so a point (X, Y, Z) projects to (X / Z, Y / Z).
 */

export const DEFAULT_FOV_DEG = 65;

export interface Intrinsics {
  widthPx: number;
  heightPx: number;
  /** Focal length in pixels. */
  focalPx: number;
  cxPx: number;
  cyPx: number;
}

/** A point in normalised image coordinates (pixels minus centre, over focal length). */
export interface NormPoint {
  u: number;
  v: number;
}

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** `focalScale` scales the focal length the field of view gives (a scale taken from a distance the person measured). */
export function intrinsicsFor(
  widthPx: number,
  heightPx: number,
  diagonalFovDeg = DEFAULT_FOV_DEG,
  focalScale = 1,
): Intrinsics {
  if (!(widthPx > 0 && heightPx > 0))
    throw new Error(`frame size must be positive, got ${widthPx}x${heightPx}`);
  if (!(diagonalFovDeg > 10 && diagonalFovDeg < 170)) {
    throw new Error(`field of view must be between 10 and 170 degrees, got ${diagonalFovDeg}`);
  }
  const halfDiagonal = Math.hypot(widthPx, heightPx) / 2;
  return {
    widthPx,
    heightPx,
    focalPx: (focalScale * halfDiagonal) / Math.tan((diagonalFovDeg * Math.PI) / 360),
    cxPx: widthPx / 2,
    cyPx: heightPx / 2,
  };
}

export function toNorm(k: Intrinsics, xPx: number, yPx: number): NormPoint {
  return { u: (xPx - k.cxPx) / k.focalPx, v: (yPx - k.cyPx) / k.focalPx };
}

export const deg = (rad: number): number => (rad * 180) / Math.PI;
export const rad = (degrees: number): number => (degrees * Math.PI) / 180;
