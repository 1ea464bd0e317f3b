import * as z from 'zod';

/**
 * One SNS SMS delivery-status log record, as SNS writes it to CloudWatch Logs
 * (`sns/<region>/<account>/DirectPublishToPhoneNumber` and `.../Failure`). Only what dondoc reads
 * is checked; SNS adds fields freely.
 */
export const smsDeliveryLogSchema = z.object({
  notification: z.object({ messageId: z.string().min(1), timestamp: z.string().min(1) }),
  delivery: z.object({
    phoneCarrier: z.string().optional(),
    providerResponse: z.string().optional(),
    dwellTimeMsUntilDeviceAck: z.number().optional(),
    destination: z.string().optional(),
  }),
  status: z.enum(['SUCCESS', 'FAILURE']),
});
