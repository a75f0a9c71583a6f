/**
 * The real pictures of the real-footage accuracy harness and the known
 * moves made of them (real-footage.ts runs them, real-truth.ts says what
 * each move must read). tests/fixtures/media/README.md says where each
 * picture came from; each keeps its source's licence.
 *
 * The project's own footage, made in tests/fixtures/media with:
 *
 *     ffmpeg -i faceapi-screenshot-webcam.png -filter_complex "[0]crop=853:800:0:30,
 *       scale=512:480:flags=area,pad=640:480:32:0,fillborders=left=32:right=96:mode=smear,
 *       split[a][b];[b]gblur=sigma=10,split[l][r];[l]crop=32:480:0:0[lc];[r]crop=96:480:544:0[rc];
 *       [a][lc]overlay=0:0[al];[al][rc]overlay=544:0,format=rgb24,split[x][y];
 *       [x]palettegen=max_colors=256:stats_mode=full[p];[y][p]paletteuse=dither=none"
 *       -frames:v 1 seated-640x480.png
 *     ffmpeg -ss 12.5 -i cap12_edit.webm -frames:v 1 -pred mixed cap12-12s.png
 *     ffmpeg -ss 15.25 -i cap12_edit.webm -frames:v 1 -pred mixed cap12-15s.png
 *     ffmpeg -ss 5 -i cap13_edit2.webm -frames:v 1 -pred mixed cap13-5s.png
 *
 * - seated-640x480.png: the man of faceapi-screenshot-webcam.png (above its
 *   text panel) scaled by 0.6, head in the upper middle and both shoulders
 *   well inside; the strips the source does not cover (32 px left, 96 px
 *   right) repeat its edge columns, blurred;
 * - cap12-12s.png, cap12-15s.png, cap13-5s.png: frames of cap12_edit.webm
 *   and cap13_edit2.webm (400x300) where he faces the camera, upright and
 *   still; laptop framing, the shoulders at the bottom edge;
 * - people/*-640x480.png: six portraits of six other people (hair over the
 *   shoulders, a hat, glasses, a hand at the chest, dark clothes on a dark
 *   wall), framed as a webcam at a desk sees a person by
 *   people/frame-portraits.mjs: head and both shoulders well inside the
 *   picture, the body going on past its bottom edge.
 *
 * Each picture's face centre, head size, chin and shoulder joints were
 * measured by eye on a 40 px grid (and checked against MoveNet Thunder's
 * points on the picture).
 */
const seatedUrl = new URL('../../tests/fixtures/media/seated-640x480.png', import.meta.url).href;
const cap12At12Url = new URL('../../tests/fixtures/media/cap12-12s.png', import.meta.url).href;
const cap12At15Url = new URL('../../tests/fixtures/media/cap12-15s.png', import.meta.url).href;
const cap13At5Url = new URL('../../tests/fixtures/media/cap13-5s.png', import.meta.url).href;
const agencyUrl = new URL(
  '../../tests/fixtures/media/people/startbootstrap-agency-3-640x480.png',
  import.meta.url,
).href;
const laughingUrl = new URL(
  '../../tests/fixtures/media/people/startbootstrap-landing-page-testimonials-1-640x480.png',
  import.meta.url,
).href;
const marcUrl = new URL('../../tests/fixtures/media/people/material-kit-marc-640x480.png', import.meta.url)
  .href;
const marieUrl = new URL(
  '../../tests/fixtures/media/people/material-dashboard-marie-640x480.png',
  import.meta.url,
).href;
const kaciUrl = new URL(
  '../../tests/fixtures/media/people/paper-kit-2-kaci-baum-2-640x480.png',
  import.meta.url,
).href;
const ayoUrl = new URL(
  '../../tests/fixtures/media/people/paper-kit-2-ayo-ogunseinde-2-640x480.png',
  import.meta.url,
).href;
import type { Box, CoverObject, Move, Point, Rgb } from './transforms';

export interface RealBase {
  id: string;
  /** The committed picture, from the project root. */
  file: string;
  url: string;
  width: number;
  height: number;
  /** Between the eyes and the ears, px: the centre of headZoom. */
  faceCentre: Point;
  /** Half the head's height, hair to chin, px: headZoom's inner radius (its outer one is 1.3 times it, short of the shoulders). */
  headRadiusPx: number;
  /** Where the shoulders are, for the moves that change them (bases that show them whole). */
  shoulders?: {
    /** Midway between the shoulder joints, px. */
    centreX: number;
    /** Just below the chin, px: squeezeShoulders leaves everything above it. */
    topY: number;
    /** Around each shoulder's joint and outline, px. */
    boxes: Box[];
    /** Each shoulder from its joint in to the neck, px. */
    boxesToNeck: Box[];
    /** The shoulder joints, the person's right (the picture's left) first, px. */
    joints?: readonly [Point, Point];
  };
  /**
   * Something hides the shoulders in the picture itself (long hair over
   * them, a hand in front of one): their readings may be unknown.
   */
  shouldersHidden?: string;
  /** Applied to the picture before anything else, calibration included (a base derived from another). */
  prepare: Move;
}

const SEATED: RealBase = {
  id: 'seated',
  file: 'tests/fixtures/media/seated-640x480.png',
  url: seatedUrl,
  width: 640,
  height: 480,
  // Eyes at y 170-178 and ears at 190-207 (MoveNet); hair top at 70, chin (beard) at 300.
  faceCentre: { x: 305, y: 185 },
  headRadiusPx: 115,
  shoulders: {
    // MoveNet's shoulders: (515, 343) and (185, 361).
    centreX: 350,
    topY: 300,
    boxes: [
      { x: 80, y: 290, width: 200, height: 170 },
      { x: 440, y: 270, width: 200, height: 170 },
    ],
    boxesToNeck: [
      { x: 60, y: 290, width: 250, height: 190 },
      { x: 400, y: 250, width: 240, height: 230 },
    ],
    joints: [
      { x: 185, y: 361 },
      { x: 515, y: 343 },
    ],
  },
  prepare: { kind: 'none' },
};

/** The seated man in bulky clothes: shoulders blurred and flattened towards their mean colour. */
const SEATED_FADED: RealBase = {
  ...SEATED,
  id: 'seated-faded',
  prepare: { kind: 'fadeShoulders', strength: 0.85, boxes: SEATED.shoulders!.boxes },
};

const CAP12_12S: RealBase = {
  id: 'cap12-12s',
  file: 'tests/fixtures/media/cap12-12s.png',
  url: cap12At12Url,
  width: 400,
  height: 300,
  // Eyes at y 150-152, ears at 184 (MoveNet); hair top at 75, chin at 242.
  faceCentre: { x: 206, y: 165 },
  headRadiusPx: 84,
  prepare: { kind: 'none' },
};

/** Three seconds later: he has hardly moved (a second look at the same posture). */
const CAP12_15S: RealBase = {
  ...CAP12_12S,
  id: 'cap12-15s',
  file: 'tests/fixtures/media/cap12-15s.png',
  url: cap12At15Url,
};

const CAP13_5S: RealBase = {
  id: 'cap13-5s',
  file: 'tests/fixtures/media/cap13-5s.png',
  url: cap13At5Url,
  width: 400,
  height: 300,
  // Eyes at y 157, ears at 185 (MoveNet); hair top at 90, chin at 245.
  faceCentre: { x: 203, y: 170 },
  headRadiusPx: 78,
  prepare: { kind: 'none' },
};

/** A portrait's shoulder boxes from its joints (the person's right first), its middle and its chin. */
function portraitShoulders(
  right: Point,
  left: Point,
  centreX: number,
  chinY: number,
): NonNullable<RealBase['shoulders']> {
  const around = (p: Point): Box => ({ x: p.x - 90, y: p.y - 70, width: 180, height: 160 });
  const toNeck = (p: Point): Box => {
    const x0 = Math.min(p.x - 90, centreX - 10);
    const x1 = Math.max(p.x + 90, centreX + 10);
    return { x: x0, y: chinY, width: x1 - x0, height: p.y + 110 - chinY };
  };
  return {
    centreX,
    topY: chinY + 6,
    boxes: [around(right), around(left)],
    boxesToNeck: [toNeck(right), toNeck(left)],
    joints: [right, left],
  };
}

const portrait = (
  id: string,
  file: string,
  url: string,
  faceCentre: Point,
  headRadiusPx: number,
  shoulders: NonNullable<RealBase['shoulders']>,
  shouldersHidden?: string,
): RealBase => ({
  id,
  file: `tests/fixtures/media/people/${file}-640x480.png`,
  url,
  width: 640,
  height: 480,
  faceCentre,
  headRadiusPx,
  shoulders,
  ...(shouldersHidden ? { shouldersHidden } : {}),
  prepare: { kind: 'none' },
});

/** Glasses, curly hair, a patterned shirt on a plain grey wall. Hair top 58, beard 262. */
const AGENCY = portrait(
  'glasses',
  'startbootstrap-agency-3',
  agencyUrl,
  { x: 320, y: 170 },
  102,
  portraitShoulders({ x: 204, y: 321 }, { x: 448, y: 327 }, 326, 262),
);
/** Laughing, long hair down her left shoulder, a red top on a blurred street. Hair top 60, chin 265. */
const LAUGHING = portrait(
  'laughing',
  'startbootstrap-landing-page-testimonials-1',
  laughingUrl,
  { x: 315, y: 182 },
  103,
  portraitShoulders({ x: 195, y: 333 }, { x: 445, y: 322 }, 320, 265),
);
/** A dark sweater on a black wall. Hair top 30, beard 270. */
const MARC = portrait(
  'dark',
  'material-kit-marc',
  marcUrl,
  { x: 320, y: 172 },
  118,
  portraitShoulders({ x: 178, y: 340 }, { x: 462, y: 339 }, 320, 270),
);
/** Glasses, a slight head tilt, long dark hair over both shoulders and dark clothes. Hair top 55, chin 300. */
const MARIE = portrait(
  'long-hair',
  'material-dashboard-marie',
  marieUrl,
  { x: 335, y: 200 },
  95,
  portraitShoulders({ x: 175, y: 335 }, { x: 470, y: 320 }, 322, 300),
  'long hair over both shoulders',
);
/** A hat, a hand raised at the chest in front of her right shoulder. Hat top 40, chin 242. */
const KACI = portrait(
  'hat',
  'paper-kit-2-kaci-baum-2',
  kaciUrl,
  { x: 320, y: 165 },
  110,
  portraitShoulders({ x: 220, y: 311 }, { x: 444, y: 304 }, 332, 242),
);
/** A striped T-shirt on a graffiti wall. Hair top 35, beard 282. */
const AYO = portrait(
  'stripes',
  'paper-kit-2-ayo-ogunseinde-2',
  ayoUrl,
  { x: 323, y: 168 },
  115,
  portraitShoulders({ x: 164, y: 345 }, { x: 484, y: 334 }, 324, 282),
);

export const PORTRAITS: readonly RealBase[] = [AGENCY, LAUGHING, MARC, MARIE, KACI, AYO];

/** Real pixels pasted over a shoulder: her raised hand (kaci), his long dark hair (marie). */
const HAND: Box = { x: 222, y: 298, width: 80, height: 84 };
const HAIR: Box = { x: 150, y: 235, width: 85, height: 150 };

export type Side = 'right' | 'left';

/** What may stand in front of a shoulder. */
export type Covering = CoverObject | 'hand' | 'hair' | 'wall';

/** `covering` in front of the `side` shoulder of `b` (the person's own side). */
export function coverShoulder(b: RealBase, side: Side, covering: Covering): Move {
  const s = shouldersOf(b);
  const joint = s.joints![side === 'right' ? 0 : 1];
  const span = Math.abs(s.joints![1].x - s.joints![0].x);
  const outward = side === 'right' ? -1 : 1;
  const box = (w: number, h: number, dx = 0, dy = 0): Box => ({
    x: Math.round(joint.x + dx * outward - w / 2),
    y: Math.round(joint.y + dy - h / 2),
    width: Math.round(w),
    height: Math.round(h),
  });
  const colour: Record<CoverObject, Rgb> = { mug: [200, 60, 40], headset: [40, 40, 44], wing: [110, 85, 60] };
  switch (covering) {
    case 'mug':
      return {
        kind: 'cover',
        object: 'mug',
        box: box(span * 0.32, span * 0.4, 0, span * 0.05),
        colour: colour.mug,
      };
    case 'headset':
      return { kind: 'cover', object: 'headset', box: box(span * 0.42, span * 0.34), colour: colour.headset };
    case 'wing':
      return {
        kind: 'cover',
        object: 'wing',
        box: box(span * 0.42, span * 0.75, span * 0.12, span * 0.2),
        colour: colour.wing,
      };
    case 'hand':
      return { kind: 'paste', from: KACI.id, source: HAND, box: box(span * 0.4, span * 0.42) };
    case 'hair':
      return {
        kind: 'paste',
        from: MARIE.id,
        source: HAIR,
        box: box(span * 0.3, span * 0.55, 0, -span * 0.05),
      };
    case 'wall': {
      const wall: Box =
        side === 'right'
          ? { x: 4, y: 200, width: 40, height: 200 }
          : { x: 596, y: 200, width: 40, height: 200 };
      return {
        kind: 'fadeToWall',
        boxes: [box(span * 0.45, span * 0.55, span * 0.05, span * 0.1)],
        wall,
        keep: 0.15,
      };
    }
  }
}

export const REAL_BASES: readonly RealBase[] = [
  SEATED,
  SEATED_FADED,
  CAP12_12S,
  CAP12_15S,
  CAP13_5S,
  ...PORTRAITS,
];

export interface RealCase {
  /** `<base>/<move>`. */
  id: string;
  base: string;
  /** What was done to the base picture, fully spelled out (pixels, degrees). */
  move: Move;
}

const NONE: Move = { kind: 'none' };
const translate = (dxPx: number, dyPx: number): Move => ({ kind: 'translate', dxPx, dyPx });
const centre = (b: RealBase): Point => ({ x: b.width / 2, y: b.height / 2 });
const zoom = (b: RealBase, scale: number): Move => ({ kind: 'zoom', scale, centre: centre(b) });
/** Where the hips would be: below the frame, under its centre. */
const hips = (b: RealBase): Point => ({ x: b.width / 2, y: b.height * 1.6 });
const rotate = (deg: number, pivot: Point): Move => ({ kind: 'rotate', deg, pivot });
const headZoom = (b: RealBase, scale: number): Move => ({
  kind: 'headZoom',
  scale,
  centre: b.faceCentre,
  innerRadiusPx: b.headRadiusPx,
  outerRadiusPx: Math.round(b.headRadiusPx * 1.3),
});
function shouldersOf(b: RealBase): NonNullable<RealBase['shoulders']> {
  if (!b.shoulders) throw new Error(`${b.id}: its shoulders are not measured`);
  return b.shoulders;
}
const squeeze = (b: RealBase, factor: number): Move => ({
  kind: 'squeezeShoulders',
  factor,
  centreX: shouldersOf(b).centreX,
  topY: shouldersOf(b).topY,
  blendPx: 20,
});
/** Moves in order; a head move goes first, on the picture its centre was measured on. */
const combine = (...moves: Move[]): Move => ({ kind: 'combine', moves });

function seatedCases(b: RealBase): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return [
    c('none', NONE),
    c('sink-30', translate(0, 30)),
    c('sink-60', translate(0, 60)),
    c('rise-30', translate(0, -30)),
    c('slide-left-60', translate(-60, 0)),
    c('slide-right-60', translate(60, 0)),
    c('zoom-0.9', zoom(b, 0.9)),
    c('zoom-1.1', zoom(b, 1.1)),
    c('zoom-1.2', zoom(b, 1.2)),
    c('head-zoom-1.06', headZoom(b, 1.06)),
    c('head-zoom-1.12', headZoom(b, 1.12)),
    c('head-zoom-1.18', headZoom(b, 1.18)),
    c('lean-hips-4', rotate(4, hips(b))),
    c('lean-hips--4', rotate(-4, hips(b))),
    c('lean-hips-8', rotate(8, hips(b))),
    c('lean-hips--8', rotate(-8, hips(b))),
    c('rotate-centre-8', rotate(8, centre(b))),
    c('squeeze-0.95', squeeze(b, 0.95)),
    c('squeeze-0.92', squeeze(b, 0.92)),
    c('sink-30+head-zoom-1.12', combine(headZoom(b, 1.12), translate(0, 30))),
    c('lean-hips-4+slide-40', combine(rotate(4, hips(b)), translate(40, 0))),
    c('zoom-1.1+head-zoom-1.1', combine(headZoom(b, 1.1), zoom(b, 1.1))),
    // The right shoulder (image left) mostly below 0.3, the left one about 0.4.
    c('fade-shoulders', SEATED_FADED.prepare),
    // Both shoulders faint; now and then nobody is found.
    c('fade-shoulders-to-neck', { kind: 'fadeShoulders', strength: 1, boxes: shouldersOf(b).boxesToNeck }),
    // The shoulder joints (y 343-361) reach the bottom edge, then leave the frame by 30-50 px.
    c('shoulders-at-edge', translate(0, 125)),
    c('shoulders-out', translate(0, 170)),
  ];
}

function laptopCases(b: RealBase): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return [
    c('none', NONE),
    c('slide-left-40', translate(-40, 0)),
    c('slide-right-40', translate(40, 0)),
    c('rise-20', translate(0, -20)),
    c('head-zoom-1.1', headZoom(b, 1.1)),
    c('rotate-centre-6', rotate(6, centre(b))),
    c('rotate-centre--6', rotate(-6, centre(b))),
    c('zoom-0.85', zoom(b, 0.85)),
  ];
}

/** The moves every portrait makes: the person moves, the head comes forward, the shoulders round. */
function portraitCases(b: RealBase): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return [
    c('none', NONE),
    c('sink-30', translate(0, 30)),
    c('sink-60', translate(0, 60)),
    c('rise-30', translate(0, -30)),
    c('slide-left-60', translate(-60, 0)),
    c('slide-right-60', translate(60, 0)),
    c('zoom-0.9', zoom(b, 0.9)),
    c('zoom-1.1', zoom(b, 1.1)),
    c('head-zoom-1.06', headZoom(b, 1.06)),
    c('head-zoom-1.12', headZoom(b, 1.12)),
    c('head-zoom-1.18', headZoom(b, 1.18)),
    c('lean-hips-4', rotate(4, hips(b))),
    c('lean-hips--8', rotate(-8, hips(b))),
    c('squeeze-0.95', squeeze(b, 0.95)),
    c('squeeze-0.92', squeeze(b, 0.92)),
    c('sink-30+head-zoom-1.12', combine(headZoom(b, 1.12), translate(0, 30))),
    c('lean-hips-4+slide-40', combine(rotate(4, hips(b)), translate(40, 0))),
  ];
}

/**
 * Something comes in front of one shoulder after a clear calibration, then
 * the person sinks or slides with it there. Each portrait gets three of
 * the coverings, so that every covering is tried on three people.
 */
function coveredCases(b: RealBase, coverings: readonly [Covering, Side][]): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return coverings.flatMap(([covering, side]) => {
    const cover = coverShoulder(b, side, covering);
    const name = `${covering}-${side}`;
    return [
      c(name, cover),
      c(`${name}+sink-60`, combine(cover, translate(0, 60))),
      c(`${name}+slide-left-60`, combine(cover, translate(-60, 0))),
    ];
  });
}

/** A base calibrated with the covering already there (a person in a wing chair, a mug held up). */
function coveredBase(b: RealBase, side: Side, covering: Covering): RealBase {
  const cover = coverShoulder(b, side, covering);
  return {
    ...b,
    id: `${b.id}+${covering}-${side}`,
    prepare: b.prepare.kind === 'none' ? cover : combine(b.prepare, cover),
  };
}

/** The moves a base calibrated with a covered shoulder makes. */
function coveredBaseCases(b: RealBase): RealCase[] {
  const c = (name: string, move: Move): RealCase => ({ id: `${b.id}/${name}`, base: b.id, move });
  return [
    c('none', NONE),
    c('sink-30', translate(0, 30)),
    c('sink-60', translate(0, 60)),
    c('slide-left-60', translate(-60, 0)),
    c('slide-right-60', translate(60, 0)),
    c('zoom-1.1', zoom(b, 1.1)),
    c('head-zoom-1.12', headZoom(b, 1.12)),
  ];
}

const COVERINGS: readonly (readonly [Covering, Side][])[] = [
  [
    ['mug', 'left'],
    ['hand', 'right'],
    ['wall', 'left'],
  ],
  [
    ['headset', 'right'],
    ['hair', 'left'],
    ['wing', 'right'],
  ],
  [
    ['wing', 'left'],
    ['mug', 'right'],
    ['hair', 'right'],
  ],
  [
    ['hand', 'left'],
    ['headset', 'left'],
    ['wall', 'right'],
  ],
  [
    ['wall', 'left'],
    ['wing', 'right'],
    ['headset', 'right'],
  ],
  [
    ['hair', 'left'],
    ['mug', 'right'],
    ['hand', 'left'],
  ],
];

/** Bases calibrated with one shoulder covered. */
export const COVERED_BASES: readonly RealBase[] = [
  coveredBase(AGENCY, 'left', 'mug'),
  coveredBase(AYO, 'right', 'wing'),
  coveredBase(SEATED_FADED, 'left', 'headset'),
];

export const ALL_BASES: readonly RealBase[] = [...REAL_BASES, ...COVERED_BASES];

/** A base by its id. */
export function realBase(id: string): RealBase {
  const b = ALL_BASES.find((x) => x.id === id);
  if (!b) throw new Error(`unknown base ${id}`);
  return b;
}

export const REAL_CASES: readonly RealCase[] = [
  ...seatedCases(SEATED),
  { id: 'seated-faded/none', base: SEATED_FADED.id, move: NONE },
  ...laptopCases(CAP12_12S),
  ...laptopCases(CAP12_15S),
  ...laptopCases(CAP13_5S),
  ...PORTRAITS.flatMap((b, i) => [...portraitCases(b), ...coveredCases(b, COVERINGS[i]!)]),
  ...COVERED_BASES.flatMap(coveredBaseCases),
];
