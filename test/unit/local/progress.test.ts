import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Progress } from '#local/runtime/progress';

/** A pipe (not a terminal): what it was given, line by line. */
function pipe() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text.trimEnd()) };
  return { lines, stream: stream as unknown as NodeJS.WriteStream };
}

describe('progress of long work', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-30T08:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('prints a line every 10 % with the time left, estimated from the pace so far', () => {
    // Prepare
    const { lines, stream } = pipe();
    const progress = new Progress('simulating', stream);
    // Act
    progress.update(0, '13/01/2023');
    vi.advanceTimersByTime(4_000);
    progress.update(0.1, '19/02/2023');
    vi.advanceTimersByTime(4_000);
    progress.update(0.15, '08/03/2023');
    progress.update(0.2, '27/03/2023');
    vi.advanceTimersByTime(12_000);
    progress.update(0.5, '15/07/2023');
    progress.done('in 20.0 s');
    // Assess
    expect(lines).toEqual([
      'simulating 0% 13/01/2023',
      'simulating 10% 19/02/2023, about 36 s left',
      'simulating 20% 27/03/2023, about 32 s left',
      'simulating 50% 15/07/2023, about 20 s left',
      'simulating done in 20.0 s',
    ]);
  });

  it('says minutes when more than a minute and a half is left', () => {
    const { lines, stream } = pipe();
    const progress = new Progress('simulating', stream);

    vi.advanceTimersByTime(30_000);
    progress.update(0.1);

    expect(lines).toEqual(['simulating 10% about 5 min left']);
  });
});
