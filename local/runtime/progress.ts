/** A progress bar on a terminal, a plain line every 10 % otherwise (CI logs, pipes). */
export class Progress {
  #lastPercent = -1;
  #lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(fraction: number, detail = ''): void {
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (this.stream.isTTY) {
      const now = Date.now();
      if (percent === this.#lastPercent && now - this.#lastDraw < 100) return;
      this.#lastDraw = now;
      this.#lastPercent = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      this.stream.write(
        `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${detail}\x1b[K`,
      );
      return;
    }
    const step = Math.floor(percent / 10) * 10;
    if (step > this.#lastPercent) {
      this.#lastPercent = step;
      this.stream.write(`${this.label} ${step}% ${detail}\n`);
    }
  }

  done(detail = ''): void {
    if (this.stream.isTTY) this.stream.write(`\r${this.label} done ${detail}\x1b[K\n`);
    else this.stream.write(`${this.label} done ${detail}\n`);
  }
}
