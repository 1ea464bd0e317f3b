import * as z from 'zod/mini';

/**
 * One SNS SMS delivery-status log record, as SNS writes it to CloudWatch Logs
 * (`sns/<region>/<account>/DirectPublishToPhoneNumber` and `.../Failure`). Only what dondoc reads
 * is checked; SNS adds fields freely.
 */
export const smsDeliveryLogSchema = z.object({
  notification: z.object({
    messageId: z.string().check(z.minLength(1)),
    timestamp: z.string().check(z.minLength(1)),
  }),
  delivery: z.object({
    phoneCarrier: z.optional(z.string()),
    providerResponse: z.optional(z.string()),
    dwellTimeMsUntilDeviceAck: z.optional(z.number()),
    destination: z.optional(z.string()),
  }),
  status: z.enum(['SUCCESS', 'FAILURE']),
});
