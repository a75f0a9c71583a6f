/**
 * The cause library: short articles on what feeds the "knots" (muscle
 * spasms) between the shoulder blade and the spine, in the app's own words.
 * One article per cause (each names the cause it covers, as listed in the
 * project's reference), plus one on easing a knot that is already there.
 * The text is data: the page renders it, tests check it.
 */

export const ARTICLE_IDS = [
  'posture',
  'weak-back',
  'one-position',
  'tilt-rotation',
  'too-much-sitting',
  'thyroid-minerals',
  'easing-a-knot',
] as const;

export type ArticleId = (typeof ARTICLE_IDS)[number];

/** What a front webcam can see of the cause. */
export type Visibility = 'yes' | 'indirectly' | 'partly' | 'no';

export interface Article {
  id: ArticleId;
  title: string;
  /** The cause it covers, worded as in the reference's list of causes; null for self-care. */
  cause: string | null;
  visibility: Visibility | null;
  /** One or two sentences: the gist. */
  summary: string;
  /** Why it strains the upper back. */
  why: readonly string[];
  /** How the app notices it, or that it cannot. */
  detect: string;
  /** What to do about it. */
  todo: readonly string[];
  /** Other articles worth reading next. */
  related: readonly ArticleId[];
}

export const DISCLAIMER =
  'General information, not medical advice. knotless watches posture; it cannot diagnose anything. Pain that is severe, keeps coming back, or comes with numbness, tingling, weakness, fever or chest pain needs a doctor.';

export const ARTICLES: Readonly<Record<ArticleId, Article>> = Object.freeze({
  posture: {
    id: 'posture',
    title: 'Head forward, shoulders rounded, peering at the screen',
    cause: 'Posture: forward head, rounded shoulders, straining to see the screen',
    visibility: 'yes',
    summary:
      'When the head drifts in front of the body and the shoulders curl in, the muscles across the upper back are pulled long and kept working. This is one of the most common sources of knots.',
    why: [
      'Upright means the head stacked over the trunk, with the spine keeping its natural curves, not a stiff, flat back.',
      'A rounded, slumped seat flattens the small hollow at the waist. Once that curve is gone, the head slides forward to keep the eyes level, and the upper-back muscles have to hold it there.',
      'Muscles that are stretched and loaded for hours tighten up to guard themselves. Those tight, tender spots are the knots. The same strain can also show up as headaches, a sore neck or a sore lower back.',
      'Leaning in to read a screen that is too far, too low or too small does the same thing, one squint at a time.',
    ],
    detect:
      'Against your calibrated neutral, knotless watches how far your head has come forward (your face grows relative to your shoulders), how much narrower your shoulder span has become, and whether you have moved nearer the screen than usual. It speaks up only after the posture has been held for a while.',
    todo: [
      'Set the top of the screen near eye level and close enough to read without leaning in; make the text bigger rather than moving your face to it.',
      'Adjust the chair and the desk so your feet rest flat, your forearms are level, and you can sit back against the backrest.',
      'Keep the small hollow at your waist: sit back in the chair, or put a small cushion or rolled towel behind the lower back.',
      'Build the muscles of your back so that holding yourself up is not a strain (see the article on weak back muscles).',
    ],
    related: ['weak-back', 'easing-a-knot'],
  },
  'weak-back': {
    id: 'weak-back',
    title: 'Weak back muscles',
    cause: 'Weak back muscles (front muscles pull you forward)',
    visibility: 'indirectly',
    summary:
      'When the muscles at the back of the body are weaker than those in front, the front ones win: they draw the shoulders and head forward, and the back pays for it.',
    why: [
      'Chest and front-of-body muscles tend to be stronger and shorter. Given the chance, they pull you into a forward curl.',
      'The back muscles then work stretched out all day, which strains them and makes knots more likely.',
      'It runs both ways: weakness leads to a slump, and a long-held slump lets the back weaken further.',
    ],
    detect:
      'A camera cannot see strength. What it can see is the result: rounded shoulders or a forward head that creep in more and more as the day goes on.',
    todo: [
      'Train the whole back side of the body (the calves are the exception): exercises that draw the shoulder blades back and together, and that hold the spine upright.',
      'Start light and regular rather than heavy and rare; a physiotherapist or trainer can set a programme that suits you.',
      'Pair the training with a desk that lets you sit upright (see the posture article).',
    ],
    related: ['posture', 'easing-a-knot'],
  },
  'one-position': {
    id: 'one-position',
    title: 'Staying in one position too long',
    cause: 'Holding one area in contraction for a long time (one position)',
    visibility: 'yes',
    summary:
      'A muscle kept short and tense for a long stretch starts to treat that as its normal state. The body ends up lopsided, and knots follow.',
    why: [
      'Holding part of the back contracted, for example keeping an elbow pulled back behind the side of the body while using a mouse, shortens the muscles there for hours.',
      'Muscles held the same way for long enough adapt to it, so they stay tight even after you move.',
      'The result is an uneven pull across the back, with knots on the side that does the holding.',
    ],
    detect:
      'knotless measures how much your head and shoulders have moved over the last few minutes. When you have barely moved for a long time, it tells you you are frozen in one position.',
    todo: [
      'Change position often: shift, stand, roll the shoulders, look away from the screen.',
      'Bring the mouse and keyboard close so the elbows hang beside the body rather than behind it.',
      'Take a short walk every so often; the sitting timer can remind you.',
    ],
    related: ['too-much-sitting', 'tilt-rotation'],
  },
  'tilt-rotation': {
    id: 'tilt-rotation',
    title: 'Leaning, tilting and twisting to one side',
    cause:
      'Tilting or rotating (leaning on an armrest, reaching for the mouse, crossed legs, scoliosis habits)',
    visibility: 'yes',
    summary:
      'Sitting off balance the same way day after day loads one side of the back more than the other. That is why knots so often sit on one side only, between one shoulder blade and the spine.',
    why: [
      'Habits pull the body off centre: a mouse placed far out to the side, a favourite armrest (at the desk, on the sofa, in the car), one leg always crossed over the other.',
      'Each of these tilts or turns the trunk a little, and the muscles on one side stay loaded to hold it.',
      'Scoliosis, a sideways curve of the spine, brings tilts and rotations too. Some people are born with it; in others it grows out of habits.',
      'A knot on your dominant side, or the side you use most, points to a one-sided habit.',
    ],
    detect:
      'knotless measures the tilt of your shoulder line and of your head, how far your head has shifted sideways over your shoulders, and how far your head and trunk are turned, each against your neutral and each with its side.',
    todo: [
      'Put the screen straight in front of you and the mouse close to the keyboard.',
      'Sit with your weight on both sit bones, feet flat, without propping yourself on one armrest.',
      'If you cross your legs, swap sides often, or keep both feet on the floor.',
      'If you lean even with the desk set up well, ask a doctor or physiotherapist to check your spine.',
    ],
    related: ['one-position', 'easing-a-knot'],
  },
  'too-much-sitting': {
    id: 'too-much-sitting',
    title: 'Too much sitting',
    cause: 'Too much sitting, working positions, car seats',
    visibility: 'partly',
    summary:
      'Hours in a chair, awkward working positions and long drives in a poor car seat are everyday reasons upper backs hurt. All of them can be changed, but only by you.',
    why: [
      'Long sitting invites slumping, keeps the same muscles loaded, and leaves the back muscles little to do, which weakens them.',
      'Working positions and car seats that do not fit you hold you in a strained shape for as long as the task or the trip lasts.',
    ],
    detect:
      'knotless can only see you sitting at this desk: it times how long you have been in view without a break. A few minutes away counts as a break and restarts the timer. It cannot see your commute or your sofa.',
    todo: [
      'Get up and move regularly; a walk to refill a glass of water is enough.',
      'Vary how you work: stand for calls, take some tasks away from the desk.',
      'Set the car seat upright enough to keep your head over your shoulders on long drives, and stop for breaks.',
    ],
    related: ['one-position', 'weak-back'],
  },
  'thyroid-minerals': {
    id: 'thyroid-minerals',
    title: 'Thyroid, immune and mineral causes',
    cause: 'Thyroid / immune issues, mineral deficiencies (magnesium, calcium, potassium), poor nutrition',
    visibility: 'no',
    summary:
      'Some knots have nothing to do with how you sit. Thyroid trouble, other immune problems, and running low on certain minerals can make muscles prone to spasm.',
    why: [
      'A thyroid condition or another immune-system disorder can leave muscles more likely to cramp and knot.',
      'Muscles need magnesium, calcium and potassium to work properly; a shortage of any of them can upset them.',
      'A diet heavy in junk food may not supply enough of what muscles need.',
    ],
    detect: 'A camera cannot see any of this. knotless can only tell you about it here.',
    todo: [
      'See a doctor: these causes need a diagnosis and blood tests, not guesswork.',
      'If you already have a diagnosis, work with your doctor on it.',
      'Eat a varied diet, and ask a doctor before taking mineral supplements.',
    ],
    related: ['easing-a-knot'],
  },
  'easing-a-knot': {
    id: 'easing-a-knot',
    title: 'Easing a knot that is already there',
    cause: null,
    visibility: null,
    summary:
      'A knot is a tender, tightened patch of muscle. Pressure, heat or cold, and massage can often release it, but it returns unless its cause goes.',
    why: [
      'A knot feels like a firm spot, harder than the muscle around it and sometimes raised, anywhere from the size of a pea to that of a small ball. The muscle nearby is often tight too.',
      'Upper-back muscles usually tighten because they have been over-stretched or over-worked. The trapezius, the broad muscle over the shoulder blade, is often the one that hurts; the rhomboids underneath get the blame more often than they deserve.',
      'A knot that arrived today is usually easier to shift than one you have had for months, which by now involves more muscles.',
    ],
    detect:
      'Not something a camera sees. To find the cause, think about which side the knot is on, whether it is your busier side, and how you were sitting or working just before it started.',
    todo: [
      'Ball pressure: lie on the floor with a tennis ball (or a similar ball) under the sore spot and let your weight rest on it; a bed is too soft to give much pressure. Ease off if it turns sharp.',
      'Try heat or cold on the area, whichever feels better.',
      'Massage helps, and a massage therapist can find knots you cannot.',
      'Muscle relaxants may dull the spasm, but it tends to come back when they stop, because the cause is still there. Find the cause in the other articles.',
    ],
    related: ['posture', 'tilt-rotation'],
  },
});
