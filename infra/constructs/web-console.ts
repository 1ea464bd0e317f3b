import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  type IUserPool,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { nagArn } from './nag.ts';
import { appClientDefaults, pinAuthFlows } from './user-directory.ts';

export interface WebConsoleProps {
  /** The HTTP API, served by the same distribution under `/api/*` (one origin: no CORS, one address for users). */
  readonly httpApi: IHttpApi;
  /** The built console (`npm run build:web` writes web/dist). */
  readonly sourceDir: string;
  /**
   * Sign-in through the Cognito hosted UI: the construct creates the console's app client (its
   * callback URL is this distribution) and writes `{ domain, clientId, redirectUri }` to `/config.json`.
   * Without it the console only takes pasted tokens.
   */
  readonly auth?: {
    readonly userPool: IUserPool;
    /** Base URL of the hosted UI, `https://<prefix>.auth.<region>.amazoncognito.com`. */
    readonly hostedUiUrl: string;
    readonly clientName?: string;
  };
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The console's own domain, with an ACM certificate for it in us-east-1. Only with a certificate
   * of its own can a distribution refuse old TLS: viewers then need TLS 1.2 (TLSv1.2_2021 policy).
   */
  readonly customDomain?: ConsoleDomain;
}

export interface ConsoleDomain {
  /** e.g. `dondoc.quangtri.gov.vn`; a CNAME to the distribution's `*.cloudfront.net` name. */
  readonly domainName: string;
  /** ARN of an ACM certificate for `domainName`, issued in us-east-1 (CloudFront's region). */
  readonly certificateArn: string;
}

/** Viewer-request: `/api/units` -> `/units`, since the HTTP API's `$default` stage owns the root. */
export const STRIP_API_PREFIX = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';
  return request;
}`;

/**
 * The web console on AWS: a private S3 bucket read by CloudFront through Origin Access Control,
 * the HTTP API behind the same distribution under `/api/*` (not cached; every viewer header but
 * Host, the Authorization header included, goes to the API, whose JWT authorizer checks it), strict
 * security headers, and access logs. The console's own assets are content-hashed (cached a year);
 * `index.html` and `config.json` are never cached.
 */
export class WebConsole extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** The console's app client (authorization code + PKCE, no secret), when `auth` is given. */
  readonly client: UserPoolClient | undefined;
  private readonly customDomain: ConsoleDomain | undefined;

  constructor(scope: Construct, id: string, props: WebConsoleProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const autoDeleteObjects = removalPolicy === RemovalPolicy.DESTROY;
    const region = Stack.of(this).region;
    this.customDomain = props.customDomain;

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the console bucket and the distribution; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy,
      autoDeleteObjects,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'dondoc web console: CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            `connect-src 'self' https://*.auth.${region}.amazoncognito.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const stripApi = new CloudFrontFunction(this, 'StripApiPrefix', {
      code: FunctionCode.fromInline(STRIP_API_PREFIX),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'dondoc: /api/* -> the HTTP API root',
    });

    const api = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${region}.amazonaws.com`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'dondoc web console and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.customDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: {
        // Personal links (`/l/<code>`) go to the API as they are: the short address in every reminder.
        '/l/*': {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          compress: true,
        },
        '/api/*': {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: stripApi, eventType: FunctionEventType.VIEWER_REQUEST }],
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Provincial officials travel and work abroad (training, delegations); access is controlled by Cognito sign-in, not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF on the console: static assets, and an API that rejects every unsigned call at the JWT authorizer and is throttled per stage.',
      },
    );

    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          "No custom domain yet, so the distribution uses CloudFront's default *.cloudfront.net certificate, whose security policy CloudFront fixes at TLSv1: a client could still negotiate TLS 1.0 or 1.1 (current browsers use 1.2 or 1.3). Setting the stage's consoleDomain (own domain and certificate) raises the minimum to TLS 1.2 (TLSv1.2_2021).",
      });
    }

    const redirectUri = `${this.url}/`;
    this.client = props.auth ? this.signInClient(props.auth, redirectUri) : undefined;
    const auth =
      props.auth && this.client
        ? { domain: props.auth.hostedUiUrl, clientId: this.client.userPoolClientId, redirectUri }
        : undefined;

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        // CloudFront compresses on its own (`compress: true`); the local runtime's .br/.gz copies stay home.
        Source.asset(props.sourceDir, { exclude: ['*.br', '*.gz'] }),
        Source.jsonData('config.json', { apiBase: '/api', ...(auth ? { auth } : {}) }),
      ],
      cacheControl: [CacheControl.fromString('public, max-age=300, must-revalidate')],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    this.acknowledgeDeploymentProvider();
  }

  /**
   * A public client (the console runs in the browser: no secret) limited to the authorization-code
   * grant through the hosted UI; the console always sends a PKCE S256 challenge. No SRP or password
   * flow, no admin scope, callbacks to this console only. Tokens last an hour, after which the console
   * sends the user back to the hosted UI (whose own session usually signs them straight in).
   */
  private signInClient(auth: NonNullable<WebConsoleProps['auth']>, redirectUri: string): UserPoolClient {
    const client = new UserPoolClient(this, 'SignInClient', {
      ...appClientDefaults,
      userPool: auth.userPool,
      ...(auth.clientName ? { userPoolClientName: auth.clientName } : {}),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [redirectUri],
        logoutUrls: [redirectUri],
      },
      // The console keeps no refresh token; the shortest validity Cognito allows.
      refreshTokenValidity: Duration.hours(1),
    });
    pinAuthFlows(client, []);
    return client;
  }

  /**
   * BucketDeployment runs a Lambda-backed custom resource whose singleton provider sits at stack
   * level; its findings are acknowledged there, for that provider only.
   */
  private acknowledgeDeploymentProvider(): void {
    const stack = Stack.of(this);
    const providers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    const siteArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
    const assets = nagArn(
      stack,
      `arn:${stack.partition}:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
    );
    for (const provider of providers) {
      Validations.of(provider).acknowledge(
        {
          id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
          reason:
            "CDK's BucketDeployment provider reads the location and versioning of the asset and console buckets before it syncs the files.",
        },
        {
          id: `AwsSolutions-IAM5[Resource::${assets}]`,
          reason:
            "CDK's BucketDeployment provider reads the console build from the CDK bootstrap asset bucket; asset keys are content hashes.",
        },
        {
          id: `AwsSolutions-IAM5[Resource::${siteArn}]`,
          reason:
            "CDK's BucketDeployment provider writes and prunes every file of the console in its own private bucket (the console's file names are content hashes).",
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            "cloudfront:CreateInvalidation, used by BucketDeployment to refresh index.html and config.json after a deploy, is granted on '*' by aws-cdk-lib.",
        },
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "CDK's BucketDeployment provider uses the AWS managed basic execution role for its own CloudWatch logs only.",
        },
        {
          id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
          reason:
            "CDK's BucketDeployment provider reads the console's asset objects (s3:GetObject* / List*) to copy them into the console bucket.",
        },
        {
          id: 'AwsSolutions-IAM5[Action::s3:List*]',
          reason:
            "CDK's BucketDeployment provider lists the console's asset prefix and the console bucket to sync and prune deployed files.",
        },
        {
          id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
          reason:
            "CDK's BucketDeployment provider writes the console files into the console bucket (multipart uploads use Abort*).",
        },
        {
          id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
          reason:
            "CDK's BucketDeployment provider prunes files of the previous console build from the console bucket.",
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            "The runtime of CDK's BucketDeployment provider function is chosen by aws-cdk-lib, not by this app; upgrading aws-cdk-lib upgrades it.",
        },
      );
    }
  }

  /** `https://<custom domain>` or `https://<id>.cloudfront.net`: the console, and the API under `/api`. */
  get url(): string {
    return `https://${this.customDomain?.domainName ?? this.distribution.distributionDomainName}`;
  }
}
