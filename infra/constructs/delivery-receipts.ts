import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, LogGroup, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.ts';
import { acknowledgeCustomResourceProvider, customResourceLogGroup, nagArn } from './nag.ts';

export interface DeliveryReceiptsProps {
  readonly config: StageConfig;
  /** The receipts function (functions/logs/receipts.ts). */
  readonly handler: IFunction;
}

/**
 * Feeds SNS's SMS delivery-status logs to the receipts function through subscription filters, one
 * per log group (`sns/<region>/<account>/DirectPublishToPhoneNumber` for successes, `…/Failure`).
 * SNS creates those groups for the whole account on its first log line; a subscription needs them
 * now, so a deploy-time call creates each one unless it exists (kept on stack deletion: they are
 * the account's). CloudWatch allows two subscription filters per group: two stages per account at
 * most; each function ignores the receipts of messages its own table does not know.
 */
export class DeliveryReceipts extends Construct {
  constructor(scope: Construct, id: string, props: DeliveryReceiptsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const base = `sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber`;
    const groupsArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${base}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    [base, `${base}/Failure`].forEach((logGroupName, i) => {
      const create = {
        service: 'CloudWatchLogs',
        action: 'createLogGroup',
        parameters: { logGroupName },
        physicalResourceId: PhysicalResourceId.of(logGroupName),
        ignoreErrorCodesMatching: 'ResourceAlreadyExistsException',
      };
      const ensure = new AwsCustomResource(this, `EnsureLogGroup${i}`, {
        onCreate: create,
        installLatestAwsSdk: false,
        logGroup: customResourceLogGroup(stack, props.config.logRetention),
        policy: AwsCustomResourcePolicy.fromStatements([
          new PolicyStatement({ actions: ['logs:CreateLogGroup'], resources: [groupsArn] }),
        ]),
      });
      Validations.of(ensure).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagArn(stack, groupsArn)}]`,
        reason:
          'SNS names its SMS delivery-status log groups itself (…DirectPublishToPhoneNumber and …/Failure); the pattern covers exactly those.',
      });
      const filter = new SubscriptionFilter(this, `Filter${i}`, {
        logGroup: LogGroup.fromLogGroupName(this, `Logs${i}`, logGroupName),
        destination: new LambdaDestination(props.handler),
        filterPattern: FilterPattern.allEvents(),
        filterName: `dondoc-${props.config.stage}-receipts`,
      });
      filter.node.addDependency(ensure);
    });
    acknowledgeCustomResourceProvider(stack);
  }
}
