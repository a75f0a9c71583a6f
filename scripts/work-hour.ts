/**
 * A working hour as a camera sees it, made from the project's real footage
 * (cap12, framed as a webcam at a desk sees a person: scaled into a 640x480
 * picture with room around the head and the body continued below the
 * shoulders) and its transforms: mostly upright with the footage's own
 * small moves, glances down and aside, three bad postures held past their
 * onset (the head forward: the head region scaled 1.15 about the face; a
 * lean: the picture rotated 10°; rounded shoulders: the shoulder band
 * narrowed to 85 %), time away from the desk (an empty room) and the
 * return. `scale` stretches every segment but the held postures, which
 * keep their minute (1: about ten minutes).
 *
 * Its truth, `WORK_HOUR_TRUTH`, says when each bad posture begins and ends
 * and which alert it must raise; nothing else may alert.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ProblemId } from '../src/core/alerts/problems';
import { mediaDir, tmpDir } from './harness';

type Look = 'upright' | 'moves' | 'forwardHead' | 'lean' | 'rounded' | 'away';

interface Segment {
  look: Look;
  seconds: number;
}

/** The hour's order, at scale 1. */
const SEGMENTS: readonly Segment[] = [
  { look: 'upright', seconds: 45 },
  { look: 'moves', seconds: 58 },
  { look: 'upright', seconds: 30 },
  { look: 'forwardHead', seconds: 60 },
  { look: 'upright', seconds: 40 },
  { look: 'moves', seconds: 29 },
  { look: 'lean', seconds: 60 },
  { look: 'upright', seconds: 40 },
  { look: 'rounded', seconds: 60 },
  { look: 'upright', seconds: 30 },
  { look: 'away', seconds: 90 },
  { look: 'upright', seconds: 45 },
  { look: 'moves', seconds: 29 },
];

const ALERT_OF: Partial<Record<Look, ProblemId>> = {
  forwardHead: 'forwardHead',
  lean: 'tilt',
  rounded: 'roundedShoulders',
};

export interface HeldPosture {
  problem: ProblemId;
  startS: number;
  endS: number;
}

export interface WorkHour {
  path: string;
  seconds: number;
  held: HeldPosture[];
  /** Where each segment begins, s. */
  segments: { look: Look; startS: number; seconds: number }[];
}

/** cap12 framed as a desk webcam sees a person (the body continued below the shoulders). */
const FRAME = 'scale=480:360,pad=640:480:80:40,fillborders=left=80:right=80:top=40:bottom=80:mode=smear';

/** The filter graph for a look, on cap12 already framed into [s]. */
function lookFilter(look: Look): string {
  switch (look) {
    case 'forwardHead':
      return '[s]split[a][b];[b]crop=170:180:235:110,scale=196:207[h];[a][h]overlay=222:97';
    case 'lean':
      return '[s]rotate=10*PI/180:fillcolor=0x808080';
    case 'rounded':
      return '[s]split[a][b];[b]crop=640:150:0:330,scale=544:150,pad=640:150:48:0,fillborders=left=48:right=48:mode=smear[r];[a][r]overlay=0:330';
    default:
      return '[s]null';
  }
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** One segment's frames at `fps`, as raw y4m. */
function segmentFile(dir: string, i: number, seg: Segment, seconds: number, fps: number): string {
  const out = join(dir, `part-${i}.y4m`);
  const cap12 = join(mediaDir, 'cap12_edit.webm');
  if (seg.look === 'away') {
    ffmpeg([
      '-loop',
      '1',
      '-t',
      String(seconds),
      '-i',
      join(mediaDir, 'empty-640x480.png'),
      '-vf',
      `fps=${fps},format=yuv420p`,
      '-f',
      'yuv4mpegpipe',
      out,
    ]);
    return out;
  }
  // Upright and the held postures: the stillest stretch (11-17.5 s), forwards then backwards, looped.
  // Moves: the stretch where he shifts, turns, glances down and comes nearer (18-47 s).
  const [from, length] = seg.look === 'moves' ? [18, 29] : [11, 6.5];
  const source = seg.look === 'moves' ? '[0:v]' : '[0:v]split[f][g];[g]reverse[r];[f][r]concat=n=2:v=1,';
  const base = `${source}${FRAME},fps=${fps}[s];`;
  ffmpeg([
    '-ss',
    String(from),
    '-t',
    String(length),
    '-i',
    cap12,
    '-filter_complex',
    `${base}${lookFilter(seg.look)},loop=-1:size=32767,setpts=N/(${fps}*TB),trim=end_frame=${Math.round(seconds * fps)},format=yuv420p[out]`,
    '-map',
    '[out]',
    '-f',
    'yuv4mpegpipe',
    out,
  ]);
  return out;
}

/** Builds the hour (cached by its options) and returns where it is, with its truth. */
export function makeWorkHour(scale = 1, fps = 5): WorkHour {
  const dir = join(tmpDir, `work-hour-${scale}-${fps}`);
  const path = join(dir, 'work-hour.y4m');
  const segments: WorkHour['segments'] = [];
  let t = 0;
  for (const seg of SEGMENTS) {
    // The held postures keep their length: each must outlast its onset whatever the scale.
    const seconds = ALERT_OF[seg.look] ? seg.seconds : Math.round(seg.seconds * scale);
    segments.push({ look: seg.look, startS: t, seconds });
    t += seconds;
  }
  const held = segments.flatMap((s) => {
    const problem = ALERT_OF[s.look];
    return problem ? [{ problem, startS: s.startS, endS: s.startS + s.seconds }] : [];
  });
  if (existsSync(path)) return { path, seconds: t, held, segments };
  mkdirSync(dir, { recursive: true });
  const parts = SEGMENTS.map((seg, i) => segmentFile(dir, i, seg, segments[i]!.seconds, fps));
  const list = join(dir, 'parts.txt');
  writeFileSync(list, parts.map((p) => `file '${p}'`).join('\n'));
  ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-f', 'yuv4mpegpipe', path]);
  for (const p of parts) rmSync(p);
  return { path, seconds: t, held, segments };
}
