/**
 * Runs `step` at once and then `intervalMs` after each run ends, until `stop()`. A failed run is
 * reported to `onError` and the loop goes on (the pollers of the local runtime must never die).
 */
export class Loop {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly step: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    const run = () => {
      this.step()
        .catch(this.onError)
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(run, intervalMs);
        });
    };
    this.#timer = setTimeout(run, 0);
  }

  stop(): void {
    const timer = this.#timer;
    this.#timer = undefined;
    if (timer) clearTimeout(timer);
  }
}
