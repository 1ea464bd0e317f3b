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
 * endpoint of any account); publish to this stage's contact topics, encrypting with their key
 * (through SNS only); and read those topics' subscriptions.
 */
export function senderStatements(contactTopicsArn: string, topicKey: IKey): PolicyStatement[] {
  const partition = Stack.of(topicKey).partition;
  return [
    new PolicyStatement({
      sid: 'SmsToPhoneNumbers',
      actions: ['sns:Publish'],
      notResources: [`arn:${partition}:sns:*:*:*`],
    }),
    new PolicyStatement({
      sid: 'EmailToContactTopics',
      actions: ['sns:Publish'],
      resources: [contactTopicsArn],
    }),
    new PolicyStatement({
      sid: 'EncryptForContactTopics',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [topicKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(topicKey).region}.amazonaws.com` } },
    }),
    readSubscriptionsStatement(contactTopicsArn),
  ];
}

/**
 * The API keeps one topic per contact (creates it encrypted and TLS-only, subscribes the address,
 * deletes it with the contact), and may take an address off its unit's shared topic of an older
 * release (`legacyUnitTopicsArn`: only Unsubscribe) when that contact moves to their own topic.
 */
export function topicManagerStatements(
  contactTopicsArn: string,
  legacyUnitTopicsArn: string,
): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ManageContactTopics',
      actions: [
        'sns:CreateTopic',
        'sns:SetTopicAttributes',
        'sns:DeleteTopic',
        'sns:Subscribe',
        'sns:Unsubscribe',
      ],
      resources: [contactTopicsArn],
    }),
    new PolicyStatement({
      sid: 'LeaveUnitTopics',
      actions: ['sns:Unsubscribe'],
      resources: [legacyUnitTopicsArn],
    }),
    readSubscriptionsStatement(contactTopicsArn),
  ];
}

function readSubscriptionsStatement(contactTopicsArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'ReadContactTopicSubscriptions',
    actions: ['sns:ListSubscriptionsByTopic', 'sns:GetSubscriptionAttributes'],
    resources: [contactTopicsArn],
  });
}
