import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.ts';
import { acknowledgeCustomResourceProvider, customResourceLogGroup, nagArn } from './nag.ts';

export interface SmsAccountSettingsProps {
  readonly config: StageConfig;
}

/**
 * The account-level SNS SMS settings, kept in code instead of a one-time console step: monthly spend
 * limit, transactional default type and delivery-status logging to CloudWatch Logs
 * (`sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]`), 100 % of successes sampled.
 *
 * These settings belong to the account and region, not to the stack: only one stage per account may
 * own them (`sms.manageAccountSettings`). Deleting the stack leaves them as they are.
 */
export class SmsAccountSettings extends Construct {
  readonly deliveryStatusRole: Role;

  constructor(scope: Construct, id: string, props: SmsAccountSettingsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deliveryStatusRole = new Role(this, 'DeliveryStatusRole', {
      description: 'Lets SNS write SMS delivery-status logs to CloudWatch Logs',
      assumedBy: new ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const deliveryLogGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.deliveryStatusRole.addToPolicy(
      new PolicyStatement({
        sid: 'WriteSmsDeliveryStatusLogs',
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:PutMetricFilter',
          'logs:PutRetentionPolicy',
        ],
        resources: [deliveryLogGroups],
      }),
    );

    const setAttributes = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: {
        attributes: {
          MonthlySpendLimit: String(props.config.sms.monthlySpendLimitUsd),
          DefaultSMSType: 'Transactional',
          DeliveryStatusIAMRole: this.deliveryStatusRole.roleArn,
          DeliveryStatusSuccessSamplingRate: '100',
        },
      },
      physicalResourceId: PhysicalResourceId.of(`dondoc-sms-settings-${props.config.stage}`),
    };
    const resource = new AwsCustomResource(this, 'SetSmsAttributes', {
      onCreate: setAttributes,
      onUpdate: setAttributes,
      installLatestAwsSdk: false,
      logGroup: customResourceLogGroup(stack, props.config.logRetention),
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.deliveryStatusRole.roleArn] }),
      ]),
    });
    Validations.of(this.deliveryStatusRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(stack, deliveryLogGroups)}]`,
      reason:
        'SNS names its SMS delivery-status log groups itself: sns/<region>/<account>/DirectPublishToPhoneNumber and .../Failure, with their streams; the pattern covers exactly those.',
    });
    acknowledgeCustomResourceProvider(stack);
    Validations.of(resource).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:SetSMSAttributes acts on account-level SMS settings and supports no resource-level permission (Service Authorization Reference: resource types none).',
    });
  }
}
