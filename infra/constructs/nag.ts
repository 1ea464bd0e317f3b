import { type Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';

/** An ARN as cdk-nag prints it in a finding id (`<AWS::Partition>`, `<AWS::AccountId>`...). */
export function nagArn(stack: Stack, arn: string): string {
  const resolved: unknown = stack.resolve(arn);
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return String(resolved);
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = (part as { Ref?: string }).Ref;
      return ref ? `<${ref}>` : JSON.stringify(part);
    })
    .join(join[0]);
}

/** The finding on the stack's one AwsCustomResource provider function (shared by every such resource). */
export function acknowledgeCustomResourceProvider(stack: Stack): void {
  const provider = stack.node.tryFindChild(
    AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll('-', '').replace(/^/, 'AWS'),
  );
  if (!provider) return;
  Validations.of(provider).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'CDK-owned provider function of AwsCustomResource (runs only at deploy time); the managed policy grants CloudWatch Logs writes only.',
  });
}

/**
 * The log group of the stack's one AwsCustomResource provider function: every such resource must
 * name the same one (the provider is a singleton; without one CDK adds its LogRetention function).
 */
export function customResourceLogGroup(stack: Stack, retention: RetentionDays): LogGroup {
  const found = stack.node.tryFindChild('CustomResourceLogs');
  return found instanceof LogGroup ? found : new LogGroup(stack, 'CustomResourceLogs', { retention });
}
