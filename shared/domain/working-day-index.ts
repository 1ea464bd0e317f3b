/**
 * The working days of a span of whole days, numbered in order, so that "the n-th working day
 * after d" is one array lookup instead of a walk day by day:
 * - `flags[i]` is 1 when day `start + i` is a working day;
 * - `rank[i]` counts the working days in [start, start + i) (so `rank[i + 1]` includes day i);
 * - `days[r]` is the r-th working day of the span.
 * Each answer is undefined when it lies outside the span; the calendar then widens the span.
 */
export class WorkingDayIndex {
  private readonly rank: Int32Array;
  private readonly days: Int32Array;

  constructor(
    readonly start: number,
    private readonly flags: Uint8Array,
  ) {
    this.rank = new Int32Array(flags.length + 1);
    for (let i = 0; i < flags.length; i++) this.rank[i + 1] = (this.rank[i] as number) + (flags[i] as number);
    this.days = new Int32Array(this.rank[flags.length] as number);
    for (let i = 0; i < flags.length; i++) if (flags[i] === 1) this.days[this.rank[i] as number] = start + i;
  }

  /** One past the last day of the span. */
  get end(): number {
    return this.start + this.flags.length;
  }

  covers(day: number): boolean {
    return day >= this.start && day < this.end;
  }

  /** Whether a covered day is a working day. */
  isWorking(day: number): boolean {
    return this.flags[day - this.start] === 1;
  }

  /** The first working day at or after a covered day. */
  atOrAfter(day: number): number | undefined {
    return this.days[this.rank[day - this.start] as number];
  }

  /** The last working day at or before a covered day. */
  atOrBefore(day: number): number | undefined {
    return this.days[(this.rank[day - this.start + 1] as number) - 1];
  }

  /** The `count`-th working day after (count > 0) or before (count < 0) a covered day, the day itself not counted. */
  offset(day: number, count: number): number | undefined {
    const i = day - this.start;
    return this.days[count > 0 ? (this.rank[i + 1] as number) + count - 1 : (this.rank[i] as number) + count];
  }

  /** The first and last working days of the span (undefined when it has none). */
  get first(): number | undefined {
    return this.days[0];
  }
  get last(): number | undefined {
    return this.days[this.days.length - 1];
  }
}
