import { Lazy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LINK_PATH_PREFIX } from '../../shared/domain/link.ts';
import type { StageConfig } from '../config/stages.ts';

export interface DondocHttpApiProps {
  readonly config: StageConfig;
  readonly handler: IFunction;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
}

/** Routes that answer without a token: the health probe and the API description. */
export const publicRoutes = ['/health', '/openapi.json'] as const;

/**
 * The HTTP API: every request goes to the api function (it routes itself); Cognito tokens are checked
 * by API Gateway's JWT authorizer on every route except the public ones, and the function then
 * authorizes from the claims.
 */
export class DondocHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The app clients whose ID tokens the authorizer accepts (its `aud` list). */
  private readonly audiences: string[];

  constructor(scope: Construct, id: string, props: DondocHttpApiProps) {
    super(scope, id);
    const { config } = props;
    const region = Stack.of(this).region;
    this.audiences = [props.userPoolClient.userPoolClientId];
    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
      {
        // Lazy: the console's client is created after the API (its callback URL is the distribution
        // in front of this API), and joins the list through `acceptTokensOf`.
        jwtAudience: Lazy.list({ produce: () => this.audiences }),
        identitySource: ['$request.header.Authorization'],
      },
    );
    const integration = new HttpLambdaIntegration('ApiFunction', props.handler);

    this.api = new HttpApi(this, 'Api', {
      apiName: `dondoc-${config.stage}`,
      description: `dondoc ${config.stage} (${config.province})`,
      createDefaultStage: false,
      defaultIntegration: integration,
      defaultAuthorizer: authorizer,
      // No CORS configuration: browsers reach the API only from the console, which serves it under
      // its own origin (`/api/*` of the same distribution), so no other origin is ever allowed.
    });
    for (const path of publicRoutes) {
      const [route] = this.api.addRoutes({
        path,
        methods: [HttpMethod.GET],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      if (route) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `GET ${path} is public on purpose (load-balancer health probe / API description); it returns no tenant data. Every other route has the Cognito JWT authorizer.`,
        });
      }
    }

    this.addLinkRoutes(integration);

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  /**
   * The personal one-tap links (`/l/<code>`, issue 14): no authorizer, the code in the path is the
   * credential (72 random bits, hash-only storage, rate-limited and scoped to one contact's items
   * in the function).
   */
  private addLinkRoutes(integration: HttpLambdaIntegration): void {
    const routes = this.api.addRoutes({
      path: `${LINK_PATH_PREFIX}{proxy+}`,
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "Personal one-tap links from reminder SMS and email: the unit head has no password on the phone. The 72-bit random code in the path is the credential (only its SHA-256 stored); the function rate-limits lookups per client, expires links after 30 days or when their items close, lets admins revoke them, and answers only for the one contact's own items.",
      });
    }
  }

  /** Lets the JWT authorizer accept ID tokens issued to another app client of the same user pool. */
  acceptTokensOf(client: IUserPoolClient): void {
    this.audiences.push(client.userPoolClientId);
  }

  /** Invoke URL of the `$default` stage. */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
