/** A measured number, or why there is none. Never a made-up value. */
export type Reading = { value: number; reason: null } | { value: null; reason: string };

export const known = (value: number): Reading => ({ value, reason: null });
export const unknown = (reason: string): Reading => ({ value: null, reason });
