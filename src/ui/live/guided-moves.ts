/**
 * The guided moves of a calibration (core/posture/guided.ts), shown where
 * calibration is started (the setup view, and Now): each step's words, a
 * small drawing of the move in the style of the posture figures, a
 * countdown, a mark once the move has been seen, and a button that skips
 * the moves (the readings then learn from glances while the person works,
 * and the calibration says so).
 */
import { setData, setHidden, setText } from '../shell/dom';
import type { GuidedStatus, GuidedStepId } from '../../core/posture/guided';

const SVG = 'http://www.w3.org/2000/svg';

/** What each step asks, in words. */
export const GUIDED_WORDS: Readonly<Record<GuidedStepId, string>> = Object.freeze({
  left: 'Keep your shoulders still and turn your head to look at the left edge of your screen. Hold it there.',
  right: 'Now look at the right edge of your screen. Hold it there.',
  down: 'Now look down at your keyboard. Hold it there.',
  chin: 'Last, and only if it is comfortable: slide your chin straight forward, hold, then draw it back.',
});

export interface GuidedMovesView {
  /** Shows a step (or hides the view with null). */
  show(status: GuidedStatus | null): void;
}

function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** A head from above facing the screen (the neutral, dashed), and turned towards the side the step asks for. */
function turnDrawing(side: 'left' | 'right'): SVGElement[] {
  // Seen from above and behind: the screen is at the top; the person's left is on the left.
  const turn = side === 'left' ? -30 : 30;
  const head = (cls: string, deg: number) => {
    const g = svgEl('g', { class: cls, transform: `rotate(${deg} 70 85)` });
    g.append(svgEl('circle', { cx: 70, cy: 85, r: 22 }), svgEl('path', { d: 'M62 64 L70 52 L78 64' }));
    return g;
  };
  return [
    svgEl('rect', { class: 'screen', x: 20, y: 12, width: 100, height: 6, rx: 2 }),
    head('neutral', 0),
    head('now', turn),
    svgEl('path', { class: 'now arrow', d: side === 'left' ? 'M52 40 L30 20' : 'M88 40 L110 20' }),
  ];
}

/** A head from the side, looking down at a keyboard. */
function downDrawing(): SVGElement[] {
  const head = (cls: string, deg: number) => {
    const g = svgEl('g', { class: cls, transform: `rotate(${deg} 62 70)` });
    g.append(svgEl('circle', { cx: 62, cy: 50, r: 18 }), svgEl('path', { d: 'M80 48 L92 54 L80 58' }));
    return g;
  };
  return [
    svgEl('rect', { class: 'screen', x: 100, y: 118, width: 34, height: 6, rx: 2 }),
    svgEl('path', { class: 'neutral', d: 'M60 140 L60 88 L62 70' }),
    head('neutral', 0),
    head('now', 28),
  ];
}

/** A head from the side sliding forward and back, the shoulders staying. */
function chinDrawing(): SVGElement[] {
  const head = (cls: string, dx: number) => {
    const g = svgEl('g', { class: cls, transform: `translate(${dx} 0)` });
    g.append(svgEl('circle', { cx: 62, cy: 40, r: 18 }), svgEl('path', { d: 'M80 38 L92 44 L80 48' }));
    return g;
  };
  return [
    svgEl('path', { class: 'neutral', d: 'M60 140 L60 78 L62 58' }),
    head('neutral', 0),
    head('now', 16),
    svgEl('path', { class: 'now arrow', d: 'M70 14 L100 14 M92 8 L100 14 L92 20' }),
  ];
}

const DRAWINGS: Readonly<Record<GuidedStepId, () => SVGElement[]>> = {
  left: () => turnDrawing('left'),
  right: () => turnDrawing('right'),
  down: downDrawing,
  chin: chinDrawing,
};

/**
 * The view, in `root` (emptied and filled here); `skip` is called when the
 * person skips the moves.
 */
export function createGuidedMoves(root: HTMLElement, skip: () => void): GuidedMovesView {
  const figure = document.createElement('figure');
  figure.className = 'posture-figure guided-figure';
  const svg = svgEl('svg', { viewBox: '0 0 140 150', role: 'img', 'aria-hidden': 'true' });
  figure.append(svg);
  const intro = document.createElement('p');
  intro.className = 'guided-intro';
  intro.textContent = 'Now a few moves, so that knotless learns your face and how your head moves:';
  const step = document.createElement('p');
  step.className = 'guided-step';
  const words = document.createElement('p');
  words.className = 'guided-words';
  words.setAttribute('aria-live', 'polite');
  const countdown = document.createElement('p');
  countdown.className = 'countdown';
  const progress = document.createElement('progress');
  progress.max = 1;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Skip these moves';
  if (root.id) button.id = `${root.id}-skip`;
  button.addEventListener('click', skip);
  root.replaceChildren(intro, figure, step, words, countdown, progress, button);
  let shown: GuidedStepId | null = null;

  return {
    show(status) {
      setHidden(root, status === null);
      if (!status) {
        shown = null;
        return;
      }
      if (status.step !== shown) {
        shown = status.step;
        svg.replaceChildren(...DRAWINGS[status.step]());
        setText(step, `Move ${status.index + 1} of ${status.count}`);
        setText(words, GUIDED_WORDS[status.step]);
      }
      setData(root, 'seen', String(status.seen));
      progress.value = status.progress;
      setText(countdown, `${status.seen ? '✓ Seen. ' : ''}${Math.ceil(status.remainingMs / 1000)} s`);
    },
  };
}
