import '../runtime/quiet-env.ts';
import { parseArgs } from 'node:util';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { DynamoStore } from '#adapters/dynamodb/store';
import { SnsEmailSubscriptions } from '#adapters/sns/sns-subscriptions';
import { systemClock } from '#ports/clock';
import { migrateEmailTopics } from '#usecases/admin/migrate-email-topics';
import { CliError } from '../cli.ts';

const USAGE =
  'usage: dondoc migrate-email-topics --stage STAGE --topic-key KEY [--table NAME] [--region REGION] [--dry-run]';

/**
 * `dondoc migrate-email-topics`: run once per stage after deploying the release with per-contact
 * topics, with the operator's own AWS credentials (the functions may not delete unit topics).
 * Moves every address from its unit's shared topic to the contact's own topic
 * (shared/usecases/admin/migrate-email-topics.ts); safe to run again.
 */
export default async function migrate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      stage: { type: 'string' },
      'topic-key': { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const { stage, region } = values;
  const kmsKeyId = values['topic-key'];
  if (!stage || !/^[a-z][a-z0-9-]{0,31}$/.test(stage))
    throw new CliError(`--stage is required (e.g. prod). ${USAGE}`);
  if (!kmsKeyId && !values['dry-run'])
    throw new CliError(
      `--topic-key is required: the id or ARN of the stateful stack's UnitTopicKey. ${USAGE}`,
    );
  const result = await migrateEmailTopics(
    {
      store: new DynamoStore(
        createDocumentClient(region ? { region } : {}),
        values.table ?? `dondoc-${stage}`,
      ),
      subscriptions: new SnsEmailSubscriptions(new SNSClient(region ? { region } : {}), {
        topicPrefix: `dondoc-${stage}-contact-`,
        kmsKeyId,
      }),
      clock: systemClock,
    },
    { dryRun: values['dry-run'] },
  );
  const verb = values['dry-run'] ? 'would move' : 'moved';
  console.log(
    `${result.units} unit topic(s): ${verb} ${result.contactsMoved} address(es) to their own topic, ` +
      `${result.unitTopicsDeleted} unit topic(s) ${values['dry-run'] ? 'to delete' : 'deleted'}.`,
  );
  for (const failure of result.failures) console.error(`  not moved: ${failure}`);
  if (result.failures.length > 0) throw new CliError(`${result.failures.length} not moved; run it again`);
}
