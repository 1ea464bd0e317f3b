import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { resolveStage, type StageConfig } from './config/stages.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export interface DondocApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Builds the two stacks of one stage, with cdk-nag AwsSolutionsChecks registered as a validation
 * plugin (synthesis fails on any unacknowledged finding). The stage comes from the `stage` context
 * (`-c stage=prod`, default `dev` in cdk.json).
 */
export function createDondocApp(props: AppProps = {}): DondocApp {
  // cdk.json sets the recommended feature flags, weak cross-stack references among them: the
  // stateless stack reads the stateful stack's outputs (Fn::GetStackOutput) instead of importing
  // exports, so a change to a shared resource never deadlocks the two stacks.
  const app = new App(props);
  const config = resolveStage(app.node.tryGetContext('stage'));
  const env = { account: config.account, region: config.region };
  const prefix = `Dondoc-${config.stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
    description: `dondoc ${config.stage}: table, schedule group, dead-letter and on-failure queues, user pool, alarm topic, keys`,
    terminationProtection: config.retainData,
  });
  const consoleDir = resolve(app.node.tryGetContext('consoleDir') ?? 'web/dist');
  if (!existsSync(join(consoleDir, 'index.html'))) {
    throw new Error(`The web console is not built (${consoleDir}): run \`npm run build:web\` first.`);
  }
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    description: `dondoc ${config.stage}: functions, HTTP API, schedules, alarms and dashboard`,
    table: stateful.table,
    scheduleGroup: stateful.scheduleGroup,
    schedulerDlq: stateful.schedulerDlq,
    streamDlq: stateful.streamDlq,
    failureQueues: stateful.failureQueues,
    unitTopicKey: stateful.unitTopicKey,
    alarmTopic: stateful.alarmTopic,
    linkSecret: stateful.linkSecret,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    hostedUiUrl: stateful.userPoolDomain.baseUrl(),
    consoleDir,
  });
  stateless.addStackDependency(stateful);

  // The dashboard is left untagged: CloudFormation accepts its Tags, but the schema of cfn-lint
  // (run by the test suite, docs/deploy.md) does not know them yet and reports an error.
  const untagged = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
  Tags.of(app).add('app', 'dondoc', untagged);
  Tags.of(app).add('stage', config.stage, untagged);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, stateless };
}
