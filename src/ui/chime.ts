/**
 * A soft two-note chime with Web Audio: quiet, short, no audio file. The
 * AudioContext is made on a user gesture (`unlock`), since browsers keep
 * audio silent until the page has been interacted with.
 */
export class Chime {
  private ctx: AudioContext | null = null;

  /** Call from a click or key handler. */
  unlock(): void {
    this.ctx ??= new AudioContext();
    if (this.ctx.state === 'suspended') void this.ctx.resume();
  }

  /** Plays the chime; returns false when audio is not available yet. */
  play(volume = 0.08): boolean {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return false;
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
    return true;
  }

  dispose(): void {
    void this.ctx?.close();
    this.ctx = null;
  }
}
