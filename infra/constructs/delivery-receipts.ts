import { Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, LogGroup, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.ts';

export interface DeliveryReceiptsProps {
  readonly config: StageConfig;
  /** The receipts function (functions/logs/receipts.ts). */
  readonly handler: IFunction;
}

/**
 * Feeds SNS's SMS delivery-status logs to the receipts function through subscription filters, one
 * per log group (`sns/<region>/<account>/DirectPublishToPhoneNumber` for successes, `.../Failure`).
 * SNS writes those groups for the whole account: the stage that owns the account's SMS settings
 * creates them (with its retention), another stage of the account subscribes to the existing ones
 * (CloudWatch allows two subscription filters per group: two stages per account at most; each
 * function ignores the receipts of messages its own table does not know).
 */
export class DeliveryReceipts extends Construct {
  readonly logGroups: ILogGroup[];

  constructor(scope: Construct, id: string, props: DeliveryReceiptsProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    const base = `sns/${region}/${account}/DirectPublishToPhoneNumber`;
    this.logGroups = [
      ['Delivered', base],
      ['Failed', `${base}/Failure`],
    ].map(([name, logGroupName]) =>
      props.config.sms.manageAccountSettings
        ? new LogGroup(this, `${name}Logs`, {
            logGroupName: logGroupName as string,
            retention: props.config.logRetention,
          })
        : LogGroup.fromLogGroupName(this, `${name}Logs`, logGroupName as string),
    );
    for (const [i, logGroup] of this.logGroups.entries()) {
      new SubscriptionFilter(this, `Filter${i}`, {
        logGroup,
        destination: new LambdaDestination(props.handler),
        filterPattern: FilterPattern.allEvents(),
        filterName: `dondoc-${props.config.stage}-receipts`,
      });
    }
  }
}
