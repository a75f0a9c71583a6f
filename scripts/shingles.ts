/**
 * Fingerprints of text as hashed runs of words ("shingles"), to check that
 * the app's articles share no run of words with the reference they were
 * written from, without keeping the reference's text in the repository.
 */

/** Lower-case words; curly apostrophes count as straight ones. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .match(/[a-z0-9']+/g) ?? []
  );
}

/** 32-bit FNV-1a. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The hash of every run of `n` consecutive words in `text`. */
export function shingleHashes(text: string, n: number): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  for (let i = 0; i + n <= w.length; i++) out.add(fnv1a(w.slice(i, i + n).join(' ')));
  return out;
}
