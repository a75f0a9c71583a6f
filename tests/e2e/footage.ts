/** Clips made from real footage for the alert tests. */

/** cap12's first seconds (he sits still), shrunk into the frame so that rotating it keeps his shoulders in view. */
export const FRAMED = 'scale=512:384,pad=640:480:64:48';
/** Rotating the picture clockwise lowers his left shoulder: a lean to his left. */
export const LEAN_LEFT = 'rotate=12*PI/180';
