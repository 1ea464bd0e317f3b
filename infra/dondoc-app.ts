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
  // Strong references protect the stateful stack's exports from removal while the stateless stack uses them.
  const app = new App({
    ...props,
    context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', ...props.context },
  });
  const config = resolveStage(app.node.tryGetContext('stage'));
  const env = { account: config.account, region: config.region };
  const prefix = `Dondoc-${config.stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
    description: `dondoc ${config.stage}: table, schedule group, dead-letter queues, user pool, alarm topic`,
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
    alarmTopic: stateful.alarmTopic,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    hostedUiUrl: stateful.userPoolDomain.baseUrl(),
    consoleDir,
  });
  stateless.addStackDependency(stateful);

  Tags.of(app).add('app', 'dondoc');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, stateless };
}
