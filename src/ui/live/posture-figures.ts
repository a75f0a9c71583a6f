/**
 * Two small drawn figures of the person, against their calibrated neutral:
 * a side view (head forward, shoulders rounded: the view a front camera
 * never gives a person of themselves) and a front view (shoulder tilt,
 * head tilt and shift, trunk twist). The neutral is a dashed outline; the
 * posture now is drawn over it. A reading that is unknown is drawn at
 * neutral and said, with its reason, in the caption under the figure.
 *
 * Built once; each sample moves a few attributes, and only when a value
 * moved by a visible step.
 */
import { setText } from '../shell/dom';
import type { MetricKey } from '../../core/posture/metrics/metric';
import type { PostureSample } from '../../core/posture/tracker';

const SVG = 'http://www.w3.org/2000/svg';
/** Drawing units per centimetre in both figures. */
const PX_PER_CM = 2.2;
/** How far a shoulder comes forward per point of rounding, cm (a 40 cm span rounding 10 % brings each shoulder about 2 cm in and as far forward). */
const FORWARD_CM_PER_ROUNDING_PCT = 0.2;
/** Drawn movements stop here, so a wild reading stays inside the figure, cm. */
const MAX_DRAWN_CM = 12;

function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function setAttr(e: Element, name: string, value: string): void {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}

const clampCm = (cm: number) => Math.max(-MAX_DRAWN_CM, Math.min(MAX_DRAWN_CM, cm));

interface Figure {
  root: HTMLElement;
  caption: HTMLElement;
  update(sample: PostureSample): void;
}

/**
 * A figure's frame: the drawing (named by its caption), the neutral drawn
 * dashed and the posture now over it, and the caption with `waiting` until
 * there is a calibrated sample.
 */
function frame(kind: 'side' | 'front', waiting: string) {
  const figure = document.createElement('figure');
  figure.className = `posture-figure ${kind}`;
  const svg = svgEl('svg', { viewBox: '0 0 140 150', role: 'img', 'aria-labelledby': `${kind}-caption` });
  const neutral = svgEl('g', { class: 'neutral' });
  const now = svgEl('g', { class: 'now' });
  const caption = document.createElement('figcaption');
  caption.id = `${kind}-caption`;
  caption.textContent = waiting;
  svg.append(neutral, now);
  figure.append(svg, caption);
  return { figure, svg, neutral, now, caption };
}

/** The side view: hip, trunk up to the shoulder, neck, head; facing right (the screen is on the right). */
function sideFigure(): Figure {
  const { figure, svg, neutral, now, caption } = frame(
    'side',
    'Side view of your head and shoulders: shown once you have calibrated.',
  );
  const hip = { x: 60, y: 140 };
  const shoulder = { x: 60, y: 72 };
  const head = { x: 64, y: 30 };
  neutral.append(
    svgEl('path', { d: `M${hip.x} ${hip.y} L${shoulder.x} ${shoulder.y} L${head.x} ${head.y + 14}` }),
    svgEl('circle', { cx: head.x, cy: head.y, r: 15 }),
  );
  const body = svgEl('path', { d: '' });
  const skull = svgEl('circle', { cx: head.x, cy: head.y, r: 15 });
  const nose = svgEl('path', { d: '' });
  const shoulderDot = svgEl('circle', { cx: shoulder.x, cy: shoulder.y, r: 4.5 });
  now.append(body, skull, nose, shoulderDot);
  const screen = svgEl('rect', { x: 128, y: 18, width: 5, height: 40, rx: 1.5, class: 'screen' });
  svg.prepend(screen);
  let drawn = '';
  return {
    root: figure,
    caption,
    update(s) {
      const forward = s.metrics.headForwardCm;
      const rounding = s.metrics.shoulderRoundingPct;
      const shoulderCm = rounding == null ? 0 : clampCm(rounding * FORWARD_CM_PER_ROUNDING_PCT);
      // Head forward is measured against the shoulders: the head moves with them, and on by the reading.
      const headCm = clampCm(shoulderCm + (forward ?? 0));
      const sx = shoulder.x + shoulderCm * PX_PER_CM;
      const hx = head.x + headCm * PX_PER_CM;
      // The head comes forward with its chin a little lower.
      const hy = head.y + Math.max(0, headCm) * 0.35;
      const key = `${sx.toFixed(1)},${hx.toFixed(1)},${hy.toFixed(1)}`;
      if (key !== drawn) {
        drawn = key;
        setAttr(
          body,
          'd',
          `M${hip.x} ${hip.y} Q${hip.x} ${(hip.y + shoulder.y) / 2} ${sx.toFixed(1)} ${shoulder.y} L${hx.toFixed(1)} ${(hy + 14).toFixed(1)}`,
        );
        setAttr(skull, 'cx', hx.toFixed(1));
        setAttr(skull, 'cy', hy.toFixed(1));
        setAttr(nose, 'd', `M${(hx + 14).toFixed(1)} ${(hy - 2).toFixed(1)} l5 4 l-5 2`);
        setAttr(shoulderDot, 'cx', sx.toFixed(1));
      }
      setText(
        caption,
        sentence(s, [
          [
            'headForwardCm',
            'Head',
            (v) =>
              Math.abs(v) < 0.5
                ? 'over the shoulders as when calibrated'
                : `${Math.abs(v).toFixed(1)} cm ${v > 0 ? 'forward of' : 'behind'} neutral`,
          ],
          [
            'shoulderRoundingPct',
            'Shoulders',
            (v) =>
              Math.abs(v) < 1
                ? 'as when calibrated'
                : v > 0
                  ? `rounded ${v.toFixed(0)} %`
                  : `${(-v).toFixed(0)} % wider than neutral`,
          ],
        ]),
      );
    },
  };
}

/** The front view: shoulder line, head over it. */
function frontFigure(): Figure {
  const { figure, neutral, now, caption } = frame(
    'front',
    'Front view of your shoulders and head: shown once you have calibrated.',
  );
  const c = { x: 70, y: 90 };
  const half = 44;
  neutral.append(
    svgEl('path', { d: `M${c.x - half} ${c.y} L${c.x + half} ${c.y} M${c.x} ${c.y} L${c.x} ${c.y - 28}` }),
    svgEl('ellipse', { cx: c.x, cy: c.y - 50, rx: 15, ry: 19 }),
    svgEl('path', {
      d: `M${c.x - half + 6} ${c.y} L${c.x - half + 10} 146 M${c.x + half - 6} ${c.y} L${c.x + half - 10} 146`,
    }),
  );
  const line = svgEl('path', { d: '' });
  const headG = svgEl('g', {});
  headG.append(
    svgEl('path', { d: `M${c.x} ${c.y - 28} L${c.x} ${c.y - 10}` }),
    svgEl('ellipse', { cx: c.x, cy: c.y - 50, rx: 15, ry: 19 }),
    svgEl('path', { d: `M${c.x - 6} ${c.y - 54} h0.1 M${c.x + 6} ${c.y - 54} h0.1`, class: 'eyes' }),
  );
  now.append(line, headG);
  let drawn = '';
  return {
    root: figure,
    caption,
    update(s) {
      const tilt = s.metrics.shoulderTiltDeg ?? 0;
      const roll = s.metrics.headRollDeg ?? 0;
      const shift = s.metrics.headShiftPct ?? 0;
      const twist = s.metrics.trunkYawDeg ?? 0;
      // Image x is the person's right on the left (a mirror): + tilt (right shoulder lower) drops the left side of the drawing.
      const t = (Math.max(-25, Math.min(25, tilt)) * Math.PI) / 180;
      const h = half * Math.cos((Math.max(-45, Math.min(45, twist)) * Math.PI) / 180);
      const dx = h * Math.cos(t);
      const dy = h * Math.sin(t);
      const headX = Math.max(-30, Math.min(30, shift * 0.6));
      const key = `${dx.toFixed(1)},${dy.toFixed(1)},${roll.toFixed(0)},${headX.toFixed(1)}`;
      if (key !== drawn) {
        drawn = key;
        setAttr(
          line,
          'd',
          `M${(c.x - dx).toFixed(1)} ${(c.y + dy).toFixed(1)} L${(c.x + dx).toFixed(1)} ${(c.y - dy).toFixed(1)}`,
        );
        setAttr(
          headG,
          'transform',
          `translate(${headX.toFixed(1)} 0) rotate(${(-Math.max(-30, Math.min(30, roll))).toFixed(0)} ${c.x} ${c.y - 10})`,
        );
      }
      setText(caption, frontSentence(s));
    },
  };
}

/** The front view's caption: shoulders, head and trunk against neutral. */
function frontSentence(s: PostureSample): string {
  return sentence(s, [
    [
      'shoulderTiltDeg',
      'Shoulders',
      (v) =>
        Math.abs(v) < 1
          ? 'level as when calibrated'
          : `${Math.abs(v).toFixed(0)}° lower on the ${v > 0 ? 'right' : 'left'}`,
    ],
    [
      'headRollDeg',
      'Head',
      (v) =>
        Math.abs(v) < 1.5
          ? 'upright'
          : `tilted ${Math.abs(v).toFixed(0)}° to the ${v > 0 ? 'right' : 'left'}`,
    ],
    [
      'trunkYawDeg',
      'Trunk',
      (v) =>
        Math.abs(v) < 4
          ? 'square to the screen'
          : `turned ${Math.abs(v).toFixed(0)}° to the ${v > 0 ? 'right' : 'left'}`,
    ],
  ]);
}

/** "Head 2.1 cm forward of neutral. Shoulders: unknown (reason)." */
function sentence(s: PostureSample, parts: readonly [MetricKey, string, (v: number) => string][]): string {
  if (!s.calibrated) return 'Calibrate to see your posture against your own neutral.';
  return parts
    .map(([key, name, say]) => {
      const v = s.metrics[key];
      if (v == null) return `${name}: unknown, ${s.reasons[key] ?? 'not measured'}.`;
      return `${name} ${say(v)}.`;
    })
    .join(' ');
}

export interface PostureFigures {
  update(sample: PostureSample): void;
}

/** Puts both figures into `host`. */
export function buildPostureFigures(host: HTMLElement): PostureFigures {
  const side = sideFigure();
  const front = frontFigure();
  host.replaceChildren(side.root, front.root);
  return {
    update(sample) {
      side.update(sample);
      front.update(sample);
    },
  };
}
