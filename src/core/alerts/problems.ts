/**
 * The postures the app warns about. Each one is read from the posture
 * metrics (deviations from the calibrated neutral) or from time, and each
 * links to the cause articles it feeds (src/core/articles/).
 */

export const PROBLEM_IDS = [
  'forwardHead',
  'roundedShoulders',
  'tilt',
  'twist',
  'tooClose',
  'frozen',
  'sittingTooLong',
] as const;

export type ProblemId = (typeof PROBLEM_IDS)[number];

/** The person's own side: positive readings are towards their right. */
export type Side = 'left' | 'right';

export interface ProblemInfo {
  id: ProblemId;
  /** Short name, as in a list of settings. */
  label: string;
  /** Whether the problem has a side (leaning left or right). */
  sided: boolean;
  /** Whether it needs the calibrated neutral (frozen and sitting do not). */
  needsNeutral: boolean;
  /** The unit its threshold is given in. */
  unit: string;
}

export const PROBLEMS: Readonly<Record<ProblemId, ProblemInfo>> = Object.freeze({
  forwardHead: {
    id: 'forwardHead',
    label: 'Head pushed forward',
    sided: false,
    needsNeutral: true,
    unit: 'cm',
  },
  roundedShoulders: {
    id: 'roundedShoulders',
    label: 'Shoulders rounded',
    sided: false,
    needsNeutral: true,
    unit: '%',
  },
  tilt: { id: 'tilt', label: 'Leaning or tilted to one side', sided: true, needsNeutral: true, unit: '°' },
  twist: { id: 'twist', label: 'Turned or twisted to one side', sided: true, needsNeutral: true, unit: '°' },
  tooClose: {
    id: 'tooClose',
    label: 'Too close to the screen',
    sided: false,
    needsNeutral: true,
    unit: 'cm',
  },
  frozen: { id: 'frozen', label: 'Frozen in one position', sided: false, needsNeutral: false, unit: 'min' },
  sittingTooLong: {
    id: 'sittingTooLong',
    label: 'Sitting without a break',
    sided: false,
    needsNeutral: false,
    unit: 'min',
  },
});
