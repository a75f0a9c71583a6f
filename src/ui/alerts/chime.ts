/**
 * A soft two-note chime with Web Audio: quiet, short, no audio file. The
 * AudioContext is made on a user gesture (`unlock`), since browsers keep
 * audio silent until the page has been interacted with. Between chimes it
 * is suspended: a running context renders silence all day, at a steady
 * cost in the page and the browser's audio service.
 */

/** How long after a chime starts the context is suspended again, ms (the notes last 0.83 s). */
const REST_AFTER_MS = 1500;

export class Chime {
  private ctx: AudioContext | null = null;
  private restTimer: ReturnType<typeof setTimeout> | undefined;

  /** Call from a click or key handler. */
  unlock(): void {
    this.ctx ??= new AudioContext();
    if (this.restTimer === undefined) void this.ctx.suspend();
  }

  /** Whether the audio output is running now (only while a chime plays). */
  get running(): boolean {
    return this.ctx?.state === 'running';
  }

  /** Plays the chime; returns false when audio has not been unlocked yet. */
  play(volume = 0.08): boolean {
    const ctx = this.ctx;
    if (!ctx || ctx.state === 'closed') return false;
    clearTimeout(this.restTimer);
    this.restTimer = setTimeout(() => {
      this.restTimer = undefined;
      void ctx.suspend();
    }, REST_AFTER_MS);
    void ctx.resume().then(
      () => notes(ctx, volume),
      () => undefined,
    );
    return true;
  }

  dispose(): void {
    clearTimeout(this.restTimer);
    this.restTimer = undefined;
    void this.ctx?.close();
    this.ctx = null;
  }
}

function notes(ctx: AudioContext, volume: number): void {
  const start = ctx.currentTime;
  for (const [i, freq] of [659.25, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.18;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(volume, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.65);
  }
}
