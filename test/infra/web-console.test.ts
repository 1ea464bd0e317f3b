import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { STRIP_API_PREFIX, WebConsole } from '../../infra/constructs/web-console.ts';
import { builtConsole } from './support.ts';

const consoleDomain = {
  domainName: 'dondoc.quangtri.gov.vn',
  certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0b4f3c1e-0000-4000-8000-000000000001',
};

function build(env?: { account: string; region: string }, customDomain?: typeof consoleDomain) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Console', env ? { env } : { env: { region: 'ap-southeast-1' } });
  const httpApi = new HttpApi(stack, 'Api');
  const web = new WebConsole(stack, 'Web', {
    httpApi,
    sourceDir: builtConsole(),
    ...(customDomain ? { customDomain } : {}),
  });
  return { app, stack, web, template: Template.fromStack(stack) };
}

/** The console with hosted-UI sign-in, its user pool in another stack as in the real app. */
function buildWithSignIn() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const env = { account: '111111111111', region: 'ap-southeast-1' };
  const auth = new Stack(app, 'Auth', { env });
  const userPool = new UserPool(auth, 'Pool');
  const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'dondoc-test-tinh' } });
  const stack = new Stack(app, 'Console', { env });
  const httpApi = new HttpApi(stack, 'Api');
  const web = new WebConsole(stack, 'Web', {
    httpApi,
    sourceDir: builtConsole(),
    auth: { userPool, hostedUiUrl: domain.baseUrl(), clientName: 'console' },
  });
  return { app, stack, web, template: Template.fromStack(stack) };
}

/** The `config.json` the deployment writes (deploy-time values still as CDK's markers) and those markers. */
function deployedConfig(app: App, template: Template): { config: unknown; markers: Record<string, unknown> } {
  const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0];
  const keys: unknown[] = deployment?.Properties.SourceObjectKeys ?? [];
  const allMarkers: Record<string, unknown>[] = deployment?.Properties.SourceMarkers ?? [];
  const directory = app.synth().directory;
  for (const [index, key] of keys.entries()) {
    const hash = JSON.stringify(key).match(/([0-9a-f]{64})\.zip/)?.[1];
    const file = join(directory, `asset.${hash}`, 'config.json');
    if (hash && existsSync(file)) {
      return { config: JSON.parse(readFileSync(file, 'utf8')), markers: allMarkers[index] ?? {} };
    }
  }
  throw new Error('no source of the deployment holds config.json');
}

/** CloudFront's managed CachingOptimized policy: gzip and brotli in the cache key, so compressed copies are served. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

// Each test synthesizes a stack: slow on a loaded machine.
describe('the web console construct', { timeout: 120_000 }, () => {
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

  it('serves the API under /api/* uncached, with every viewer header but Host, through the prefix rewrite, and personal links under /l/* as they are', () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/l/*',
            CachePolicyId: CACHING_DISABLED,
            OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
          }),
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

  it('compresses the console and the API replies at the edge (gzip and brotli for the cached assets)', () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ Compress: true, CachePolicyId: CACHING_OPTIMIZED }),
        CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/api/*', Compress: true })]),
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

  it("lets the console call the hosted UI's token endpoint of its region", () => {
    // Act
    const { template } = build();
    // Assess
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "connect-src 'self' https://\\*\\.auth\\.ap-southeast-1\\.amazoncognito\\.com;",
            ),
          }),
        }),
      }),
    });
  });

  it('serves a custom domain with its own certificate and requires TLS 1.2 there, so CFR4 needs no acknowledgement', () => {
    // Act
    const { app, template, web } = build(
      { account: '111111111111', region: 'ap-southeast-1' },
      consoleDomain,
    );
    const report = new AwsSolutionsChecks().validateScope(app);
    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['dondoc.quangtri.gov.vn'],
        ViewerCertificate: {
          AcmCertificateArn: consoleDomain.certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    expect(web.url).toBe('https://dondoc.quangtri.gov.vn');
    expect(report.violations.map((v) => v.ruleName)).not.toContain('AwsSolutions-CFR4');
  });

  it('says, on the default certificate, that CloudFront still accepts TLS 1.0 and how to require 1.2', () => {
    // Act
    const { web, template } = build();
    // Assess: no minimum protocol that the default certificate would silently ignore.
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    expect(distribution?.Properties.DistributionConfig.ViewerCertificate).toBeUndefined();
    const reason = web.distribution.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .filter(([id]) => id.endsWith('AwsSolutions-CFR4'))
      .map(([, text]) => text)
      .join('');
    expect(reason).toMatch(/TLSv1/);
    expect(reason).toMatch(/consoleDomain/);
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

  it('writes only the API base to config.json when the console has no hosted-UI sign-in', () => {
    // Prepare
    const { app, template } = build();
    // Act
    const { config } = deployedConfig(app, template);
    // Assess
    expect(config).toEqual({ apiBase: '/api' });
  });

  it('creates no app client when the console has no hosted-UI sign-in', () => {
    // Act
    const { web, template } = build();
    // Assess
    expect(web.client).toBeUndefined();
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  it('creates a public app client for the authorization-code grant that returns to the console', () => {
    // Act
    const { template } = buildWithSignIn();
    // Assess
    const root = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }, '/']] };
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'console',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [root],
      LogoutURLs: [root],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('writes the hosted UI address, the client id and the redirect URI to config.json', () => {
    // Prepare
    const { app, template, stack, web } = buildWithSignIn();
    // Act
    const { config, markers } = deployedConfig(app, template);
    // Assess
    const auth = (config as { auth: Record<string, string> }).auth;
    expect(config).toMatchObject({ apiBase: '/api' });
    expect(Object.keys(auth).sort()).toEqual(['clientId', 'domain', 'redirectUri']);
    expect(markers[auth.clientId as string]).toEqual(stack.resolve(web.client?.userPoolClientId));
    expect(auth.redirectUri).toMatch(/^https:\/\/<<marker:[^>]+>>\/$/);
    expect(auth.domain).toMatch(/^https:\/\/<<marker:[^>]+>>\.auth\.ap-southeast-1\.amazoncognito\.com$/);
  });

  it('leaves no unacknowledged cdk-nag finding on the console with hosted-UI sign-in', () => {
    // Prepare
    const { app } = buildWithSignIn();
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);
    // Assess: the bare test pool and API have their own findings; the real ones are configured.
    const ours = report.violations.filter((v) =>
      (v.violatingResources[0]?.constructPath ?? '').startsWith('Console/Web/'),
    );
    expect(ours.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
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
