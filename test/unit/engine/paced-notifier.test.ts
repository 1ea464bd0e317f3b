import { describe, expect, it } from 'vitest';
import type { Clock } from '#ports/clock';
import {
  type Notifier,
  PermanentSendError,
  type SmsMessage,
  ThrottledSendError,
  TransientSendError,
} from '#ports/notifier';
import { PacedNotifier, SmsPacer } from '#usecases/engine/paced-notifier';

/** A clock that only moves when waited on. */
class WaitingClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  async sleep(ms: number): Promise<void> {
    this.ms += ms;
  }
}

const ONE_PART = 'Nhac viec: bao cao quy I'; // GSM-7, 1 part
const TWO_PARTS = 'x'.repeat(200); // GSM-7, 2 parts

/** Records when each SMS reached it; fails the calls listed in `failures` (by call number). */
function recordingNotifier(clock: WaitingClock, failures: Record<number, Error> = {}) {
  const sent: { ms: number; text: string }[] = [];
  let calls = 0;
  const notifier: Notifier = {
    async sendSms({ text }: SmsMessage) {
      calls++;
      const failure = failures[calls];
      if (failure) throw failure;
      sent.push({ ms: clock.ms, text });
      return { messageId: `m${calls}` };
    },
    async sendEmail() {
      return { messageId: 'e' };
    },
  };
  return { notifier, sent, calls: () => calls };
}

function paced(clock: WaitingClock, inner: Notifier, partsPerSecond: number, deadlineMs = 600_000) {
  const pacer = new SmsPacer(partsPerSecond, clock);
  return new PacedNotifier(inner, { pacer, clock, deadline: new Date(clock.ms + deadlineMs) });
}

describe('PacedNotifier', () => {
  it('never puts more parts than the rate in any one second, also when the parts do not divide it', async () => {
    // Prepare: 2-part SMS at 5 parts/s (spacing alone, 400 ms, would put 6 parts in one second)
    const clock = new WaitingClock(0);
    const { notifier, sent } = recordingNotifier(clock);
    const sender = paced(clock, notifier, 5);
    // Act
    for (let i = 0; i < 6; i++) await sender.sendSms({ phone: '+84912345678', text: TWO_PARTS });
    // Assess
    const ms = sent.map((s) => s.ms);
    expect(ms).toEqual([0, 400, 1000, 1400, 2000, 2400]);
    for (const t of ms) expect(ms.filter((u) => u > t - 1000 && u <= t).length * 2).toBeLessThanOrEqual(5);
  });

  it('spaces SMS by their parts at the sender rate', async () => {
    // Prepare
    const clock = new WaitingClock(0);
    const { notifier, sent } = recordingNotifier(clock);
    const sender = paced(clock, notifier, 4);
    // Act
    for (const text of [TWO_PARTS, ONE_PART, TWO_PARTS, ONE_PART])
      await sender.sendSms({ phone: '+84912345678', text });
    // Assess: 2 parts take 500 ms at 4 parts/s, 1 part 250 ms; the third waits until the first
    // leaves the sliding second (0, 500 and 750 would be 5 parts in one second)
    expect(sent.map((s) => s.ms)).toEqual([0, 500, 1000, 1500]);
  });

  it('retries a throttle after a backoff and counts it, without failing the send', async () => {
    // Prepare
    const clock = new WaitingClock(0);
    const throttle = new ThrottledSendError('SNS sms failed: Throttling');
    const { notifier, sent } = recordingNotifier(clock, { 1: throttle, 2: throttle });
    const sender = paced(clock, notifier, 10);
    // Act
    const result = await sender.sendSms({ phone: '+84912345678', text: ONE_PART });
    // Assess: 1 s then 2 s of backoff
    expect(result.messageId).toBe('m3');
    expect(sender.throttled).toBe(2);
    expect(sent).toEqual([{ ms: 3000, text: ONE_PART }]);
  });

  it('gives the throttle up rather than wait past the deadline', async () => {
    // Prepare
    const clock = new WaitingClock(0);
    const throttle = new ThrottledSendError('SNS sms failed: Throttling');
    const { notifier } = recordingNotifier(clock, { 1: throttle, 2: throttle, 3: throttle });
    const sender = paced(clock, notifier, 10, 2_500);
    // Act
    const result = sender.sendSms({ phone: '+84912345678', text: ONE_PART });
    // Assess
    await expect(result).rejects.toBeInstanceOf(ThrottledSendError);
    expect(clock.ms).toBeLessThan(2_500);
  });

  it('passes other failures through at once, unretried', async () => {
    // Prepare
    const clock = new WaitingClock(0);
    const { notifier, calls } = recordingNotifier(clock, {
      1: new TransientSendError('SNS sms failed: InternalError'),
      2: new PermanentSendError('SNS sms failed: OptedOut'),
    });
    const sender = paced(clock, notifier, 10);
    // Act
    const first = sender.sendSms({ phone: '+84912345678', text: ONE_PART });
    await expect(first).rejects.toBeInstanceOf(TransientSendError);
    const second = sender.sendSms({ phone: '+84912345678', text: ONE_PART });
    // Assess
    await expect(second).rejects.toBeInstanceOf(PermanentSendError);
    expect(calls()).toBe(2);
  });
});
