import type { Delivery } from '../domain/delivery.ts';
import type { Reminder } from '../schemas/entities.ts';

/** A reminder record, by its key. */
export interface ReminderRef {
  assignmentId: string;
  key: string;
}

/** Carrier receipts, matched to the reminder log by SNS message id. */
export interface DeliveryReceipts {
  /** The reminder records one SNS message covers (none: not a message of this stage). */
  refsOf(messageId: string): Promise<ReminderRef[]>;
  /**
   * Records a delivery on a reminder record, unless it holds a final one already (receipts may
   * come out of order); returns the record as it is now, undefined when it is gone.
   */
  recordDelivery(ref: ReminderRef, delivery: Delivery): Promise<Reminder | undefined>;
}
