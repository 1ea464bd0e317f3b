import type { Stack } from 'aws-cdk-lib';

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
