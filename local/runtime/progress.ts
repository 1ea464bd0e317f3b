/**
 * A progress bar on a terminal, a plain line every 10 % otherwise (CI logs, pipes), with the time
 * left once a twentieth of the work is done (estimated from the pace so far).
 */
export class Progress {
  #lastPercent = -1;
  #lastDraw = 0;
  readonly #started = Date.now();

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(fraction: number, detail = ''): void {
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    const now = Date.now();
    const text = [detail, this.#left(fraction, now)].filter(Boolean).join(', ');
    if (this.stream.isTTY) {
      if (percent === this.#lastPercent && now - this.#lastDraw < 100) return;
      this.#lastDraw = now;
      this.#lastPercent = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      this.stream.write(
        `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${text}\x1b[K`,
      );
      return;
    }
    const step = Math.floor(percent / 10) * 10;
    if (step > this.#lastPercent) {
      this.#lastPercent = step;
      this.stream.write(`${this.label} ${step}% ${text}\n`);
    }
  }

  done(detail = ''): void {
    if (this.stream.isTTY) this.stream.write(`\r${this.label} done ${detail}\x1b[K\n`);
    else this.stream.write(`${this.label} done ${detail}\n`);
  }

  /** "about 25 s left", "about 6 min left"; nothing before 5 % (too early to say) or at the end. */
  #left(fraction: number, now: number): string {
    if (fraction < 0.05 || fraction >= 1) return '';
    const seconds = ((now - this.#started) / 1000) * ((1 - fraction) / fraction);
    return seconds < 90
      ? `about ${Math.max(1, Math.round(seconds))} s left`
      : `about ${Math.round(seconds / 60)} min left`;
  }
}
