/**
 * Why a reading is unknown, in words a person can act on: what the camera
 * cannot see, and what to change so that it can. Every unknown reading the
 * app shows carries one of these.
 */
import { READING_NAMES } from './metrics/metric';

export type Side = 'left' | 'right';

export const REASONS = {
  nobody: 'nobody in view',
  notCalibrated: 'not calibrated yet: sit upright and press Calibrate',
  resolutionChanged: 'the camera resolution changed since calibration: calibrate again',
  notAtCalibration: (what: string) =>
    `${what} could not be measured when you calibrated: ${FIX_AT_CALIBRATION}`,
  notFacing: 'you are turned away from the camera: face the screen',
  faceUnclear: (seen: number) =>
    `only ${seen} of the 5 face points (nose, eyes, ears) are clear: face the camera, with light on your face and your ears uncovered`,
  faceAtEdge: (edge: 'left' | 'right' | 'top') =>
    edge === 'top'
      ? 'your head is at the top edge of the picture: tilt the camera up or sit a little lower'
      : `your head is at the ${edge} edge of the picture: sit in the middle of the picture`,
  faceMisfit:
    'your face points do not fit a head (something covers the face, or the picture is blurred): face the camera in good light',
  eyesAndEarsUnclear: 'neither your eyes nor your ears are clear: face the camera with light on your face',
  shouldersFaint: (which: 'both' | Side) =>
    `${which === 'both' ? 'your shoulders are' : `your ${which} shoulder is`} hard to make out (loose or dark clothing, a busy background or dim light): light yourself from the front, or wear something that shows the shoulders' outline`,
  shoulderUnsure: (side: Side) =>
    `your ${side} shoulder is hidden or hard to make out (something in front of it, hair over it, or clothes the colour of what is behind you): keep it clear and lit from the front`,
  shoulderLineOffHead:
    'your shoulders do not line up with your head as they did when you calibrated (something in front of a shoulder, or one shoulder raised on its own): keep both shoulders clear',
  shouldersOutOfPicture:
    'your shoulders are outside the picture: tilt the camera down or sit a little further back',
  shoulderCutAtSide: (side: Side) =>
    `your ${side} shoulder is cut off at the side of the picture: sit in the middle of the picture, or a little further back`,
  shouldersAtEdge: (edge: 'top' | 'bottom') =>
    edge === 'bottom'
      ? 'your shoulders are at the bottom edge of the picture: tilt the camera down or sit a little further back'
      : 'your shoulders are at the top edge of the picture: tilt the camera up or lower it',
  cameraLevelWithShoulders:
    'the camera is level with your shoulders, so rounded shoulders look like moving back: put the camera at eye level or a little above',
  notCalibratedShoulders:
    'your shoulders were not fully in view when you calibrated: calibrate again with both shoulders in the picture',
  forwardOrRounded:
    'your head came forward while your shoulders rounded, and from this camera height the two cannot be told apart: put the camera a little above eye level',
  narrowerShoulders:
    'your shoulders look narrower than when you calibrated: rounded shoulders, or your trunk further back with your head where it was, and the camera cannot tell which: sit back as you calibrated, or calibrate again',
  forwardOrRaised:
    'with your head this far forward, raised shoulders cannot be told from your head dropping: sit back to measure them',
  headTurned:
    'your head is turned away from the camera: this is read while you face the screen (a turned head makes its size, and so its distance, uncertain)',
  lookingDown:
    'you are looking down: this is read while you look at the screen (a nodding head makes its size, and so its distance, uncertain)',
  twistUnseen:
    'a turn of the trunk shows only while both shoulders are fully in view and the camera looks down at them a little',
} as const;

const FIX_AT_CALIBRATION =
  'calibrate again, sitting upright with your face and both shoulders in the picture';

/**
 * Every reason the app gives for a reading it leaves unknown, in full: each
 * of REASONS with every value its wording takes.
 */
function allReasons(): Set<string> {
  const sides: Side[] = ['left', 'right'];
  const out = new Set<string>();
  for (const value of Object.values(REASONS)) if (typeof value === 'string') out.add(value);
  for (const what of Object.values(READING_NAMES)) out.add(REASONS.notAtCalibration(what));
  for (let seen = 0; seen < 5; seen++) out.add(REASONS.faceUnclear(seen));
  for (const edge of ['left', 'right', 'top'] as const) out.add(REASONS.faceAtEdge(edge));
  for (const which of ['both', ...sides] as const) out.add(REASONS.shouldersFaint(which));
  for (const side of sides) out.add(REASONS.shoulderCutAtSide(side));
  for (const side of sides) out.add(REASONS.shoulderUnsure(side));
  for (const edge of ['top', 'bottom'] as const) out.add(REASONS.shouldersAtEdge(edge));
  return out;
}

let known: Set<string> | null = null;

/** Whether `text` is one of the reasons the app gives (a made-up or empty reason is not). */
export function isAppReason(text: string): boolean {
  known ??= allReasons();
  return known.has(text);
}
