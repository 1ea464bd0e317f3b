import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { SmsDeliveryLog } from '#domain/delivery';
import type { Clock } from '#ports/clock';

export interface CarrierOptions {
  clock: Clock;
  /** Share of SMS the simulated carrier fails for good (`Phone has blocked SMS`), 0..1. */
  failureRate: number;
  /** Where receipts are written, beside the messages (`<outbox>/receipts/<messageId>.receipt.json`). */
  dir?: string;
}

/** Whether the carrier fails this message: a fixed function of its id, so a run can be replayed. */
export function failsFor(messageId: string, rate: number): boolean {
  const n = createHash('sha256').update(messageId).digest().readUInt32BE(0) / 2 ** 32;
  return n < rate;
}

/**
 * The carrier of the local runtime: every SMS the outbox "sends" gets a receipt as SNS would log
 * it, written to the outbox and handed, as a CloudWatch Logs subscription event, to the same
 * receipts handler as in AWS. A share (`failureRate`) fails for good, which tests the fallback.
 */
export class SimulatedCarrier {
  #pending: { messageId: string; phone: string }[] = [];

  constructor(private readonly o: CarrierOptions) {}

  /** The outbox sent an SMS. */
  sent(messageId: string, phone: string): void {
    this.#pending.push({ messageId, phone });
  }

  get pending(): number {
    return this.#pending.length;
  }

  #receipt(messageId: string, phone: string): SmsDeliveryLog {
    const timestamp = this.o.clock.now().toISOString().replace('T', ' ').replace('Z', '');
    const failed = failsFor(messageId, this.o.failureRate);
    return {
      notification: { messageId, timestamp },
      delivery: {
        phoneCarrier: 'Mạng mô phỏng',
        destination: phone,
        providerResponse: failed ? 'Phone has blocked SMS' : 'Message has been accepted by phone',
        ...(!failed && { dwellTimeMsUntilDeviceAck: 1200 }),
      },
      status: failed ? 'FAILURE' : 'SUCCESS',
    };
  }

  /** The receipts of the SMS sent since the last call, as one subscription event (undefined: none). */
  async drain(): Promise<CloudWatchLogsEvent | undefined> {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return undefined;
    const records = batch.map((b) => this.#receipt(b.messageId, b.phone));
    if (this.o.dir) {
      await mkdir(this.o.dir, { recursive: true });
      for (const r of records)
        await writeFile(
          join(this.o.dir, `${r.notification.messageId}.receipt.json`),
          `${JSON.stringify(r, null, 2)}\n`,
        );
    }
    const data = {
      messageType: 'DATA_MESSAGE',
      owner: '000000000000',
      logGroup: 'sns/local/000000000000/DirectPublishToPhoneNumber',
      logStream: 'local',
      subscriptionFilters: ['dondoc-local-receipts'],
      logEvents: records.map((r, i) => ({
        id: String(i),
        timestamp: this.o.clock.now().getTime(),
        message: JSON.stringify(r),
      })),
    };
    return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
  }
}
