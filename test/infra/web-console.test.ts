import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { STRIP_API_PREFIX, WebConsole } from '../../infra/constructs/web-console.ts';
import { builtConsole } from './support.ts';

function build(env?: { account: string; region: string }) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Console', env ? { env } : { env: { region: 'ap-southeast-1' } });
  const httpApi = new HttpApi(stack, 'Api');
  const web = new WebConsole(stack, 'Web', { httpApi, sourceDir: builtConsole() });
  return { app, stack, web, template: Template.fromStack(stack) };
}

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('the web console construct', () => {
  it('keeps the console bucket private, readable by this distribution only', () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves the API under /api/* uncached, with every viewer header but Host, through the prefix rewrite', () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            CachePolicyId: CACHING_DISABLED,
            OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
            AllowedMethods: Match.arrayWith(['PUT', 'POST', 'DELETE']),
            ViewerProtocolPolicy: 'https-only',
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        ],
      }),
    });
  });

  it('rewrites /api paths to the root of the HTTP API and leaves other paths alone', () => {
    // Prepare
    const handler = new Function(`${STRIP_API_PREFIX}; return handler;`)() as (e: {
      request: { uri: string };
    }) => { uri: string };
    const uri = (path: string) => handler({ request: { uri: path } }).uri;
    // Act
    const rewritten = ['/api/units', '/api/assignments/a1/progress', '/api', '/apis/x'].map(uri);
    // Assess
    expect(rewritten).toEqual(['/units', '/assignments/a1/progress', '/', '/apis/x']);
  });

  it('sends a content security policy that forbids framing and foreign scripts, and HSTS', () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self';.*frame-ancestors 'none'"),
            Override: true,
          },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });

  it('logs the distribution and the bucket access to a private log bucket', () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Logging: Match.objectLike({ Prefix: 'cloudfront/' }) }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
  });

  for (const env of [undefined, { account: '111111111111', region: 'ap-southeast-1' }]) {
    it(`leaves no unacknowledged cdk-nag finding (${env ? 'with an account' : 'environment-agnostic'})`, () => {
      // Prepare
      const { app } = build(env);
      // Act
      const report = new AwsSolutionsChecks().validateScope(app);
      // Assess: only the bare test API's own findings remain (the real one has its stage, logs and authorizer).
      const ours = report.violations.filter(
        (v) => !(v.violatingResources[0]?.constructPath ?? '').startsWith('Console/Api/'),
      );
      expect(ours.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
    });
  }
});
