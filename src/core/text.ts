/** Text helpers shared by the page and the reports. */

/** "head forward" → "Head forward". */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
