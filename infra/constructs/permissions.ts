import { Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';

/** Read and write items of the table and query its named indexes (no `index/*` wildcard). */
export function tableDataStatement(table: Table): PolicyStatement {
  return new PolicyStatement({
    sid: 'TableData',
    actions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DescribeTable',
    ],
    resources: [
      table.tableArn,
      ...tableSchema.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
    ],
  });
}

/**
 * What a sender (dispatcher, sweeper) may do with SNS: publish SMS straight to phone numbers, which
 * IAM sees as a Publish on no SNS ARN at all, hence "anything but an SNS ARN" (no topic, no mobile
 * endpoint of any account); publish to this stage's unit topics, encrypting with their key (through
 * SNS only); and read those topics' subscriptions.
 */
export function senderStatements(unitTopicsArn: string, topicKey: IKey): PolicyStatement[] {
  const partition = Stack.of(topicKey).partition;
  return [
    new PolicyStatement({
      sid: 'SmsToPhoneNumbers',
      actions: ['sns:Publish'],
      notResources: [`arn:${partition}:sns:*:*:*`],
    }),
    new PolicyStatement({ sid: 'EmailToUnitTopics', actions: ['sns:Publish'], resources: [unitTopicsArn] }),
    new PolicyStatement({
      sid: 'EncryptForUnitTopics',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [topicKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(topicKey).region}.amazonaws.com` } },
    }),
    readSubscriptionsStatement(unitTopicsArn),
  ];
}

/** The API creates the unit topics (encrypted, TLS-only) and subscribes contacts' addresses to them. */
export function topicManagerStatements(unitTopicsArn: string): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ManageUnitTopics',
      actions: ['sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Unsubscribe'],
      resources: [unitTopicsArn],
    }),
    readSubscriptionsStatement(unitTopicsArn),
  ];
}

function readSubscriptionsStatement(unitTopicsArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'ReadUnitTopicSubscriptions',
    actions: ['sns:ListSubscriptionsByTopic', 'sns:GetSubscriptionAttributes'],
    resources: [unitTopicsArn],
  });
}
