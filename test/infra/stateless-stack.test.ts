import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import tickFixture from '../fixtures/window-tick-payload.v1.json' with { type: 'json' };
import { fromStateful, fromStatefulLike, logicalIdOf, synthTemplates, type Templates } from './support.ts';

const contractVariables = [
  'TABLE_NAME',
  'STAGE',
  'OFFICE_UNIT_ID',
  'DONDOC_LANG',
  'SWEEP_GRACE_MINUTES',
  'SMS_PARTS_PER_SECOND',
  'SCHEDULE_GROUP',
  'SCHEDULER_ROLE_ARN',
  'DISPATCHER_ARN',
  'SCHEDULER_DLQ_ARN',
  'TOPIC_PREFIX',
  'TOPIC_KMS_KEY_ARN',
  'SMS_MAX_PRICE_USD',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_LOG_LEVEL',
  'NODE_OPTIONS',
];

describe('stateless stack (dev)', () => {
  let dev: Templates;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation resource properties, read field by field
  let appFunctions: Record<string, { [key: string]: any }>;
  beforeAll(() => {
    dev = synthTemplates('dev');
    appFunctions = dev.statelessTemplate.findResources('AWS::Lambda::Function', {
      Properties: { FunctionName: Match.stringLikeRegexp('^dondoc-dev-') },
    });
  }, 180_000);

  it('deploys exactly the five entry points as functions', () => {
    const names = Object.values(appFunctions).map((f) => f.Properties.FunctionName);
    expect(names.sort()).toEqual([
      'dondoc-dev-api',
      'dondoc-dev-dispatcher',
      'dondoc-dev-planner',
      'dondoc-dev-receipts',
      'dondoc-dev-sweeper',
    ]);
  });

  it('runs every function on a current Node runtime on arm64', () => {
    for (const fn of Object.values(appFunctions)) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs(22|24)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('gives every function its own log group with the stage retention and JSON logs', () => {
    for (const fn of Object.values(appFunctions)) {
      expect(fn.Properties.LoggingConfig).toMatchObject({
        LogFormat: 'JSON',
        LogGroup: { Ref: expect.any(String) },
      });
    }
    dev.statelessTemplate.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 14 }, 7);
  });

  it('passes every contract environment variable to every function', () => {
    for (const fn of Object.values(appFunctions)) {
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(contractVariables),
      );
      expect(fn.Properties.Environment.Variables).toMatchObject({
        STAGE: 'dev',
        TOPIC_PREFIX: 'dondoc-dev-contact-',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it("points the senders' personal links at the console's address, and gives the API the letterhead", () => {
    const variables = (name: string) =>
      Object.values(appFunctions).find((f) => f.Properties.FunctionName === name)?.Properties.Environment
        .Variables;
    const distribution = logicalIdOf(dev.statelessTemplate, 'AWS::CloudFront::Distribution', {});

    expect(JSON.stringify(variables('dondoc-dev-dispatcher').LINK_BASE_URL)).toContain(distribution);
    expect(JSON.stringify(variables('dondoc-dev-sweeper').LINK_BASE_URL)).toContain(distribution);
    expect(variables('dondoc-dev-api').LINK_BASE_URL).toBeUndefined();
    for (const sender of ['dondoc-dev-dispatcher', 'dondoc-dev-sweeper'])
      expect(variables(sender).LINK_SECRET_ARN).toEqual(fromStateful(/LinkSecret/));
    expect(JSON.parse(variables('dondoc-dev-api').LETTERHEAD)).toMatchObject({ symbol: 'UBND-VP' });
  });

  it('names the Powertools service and metrics namespace as the alarms expect them', () => {
    for (const fn of Object.values(appFunctions)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'dondoc-dev',
        POWERTOOLS_METRICS_NAMESPACE: 'Dondoc',
      });
    }
  });

  it('gives every asynchronously invoked function an on-failure queue after two retries', () => {
    // Prepare: the dispatcher (the one-time schedules' target) and every target of a stack schedule.
    const configs = dev.statelessTemplate.findResources('AWS::Lambda::EventInvokeConfig');
    const scheduleTargets = Object.values(
      dev.statelessTemplate.findResources('AWS::Scheduler::Schedule'),
    ).map((schedule) => schedule.Properties.Target.Arn['Fn::GetAtt'][0]);
    const dispatcher = logicalIdOf(dev.statelessTemplate, 'AWS::Lambda::Function', {
      FunctionName: 'dondoc-dev-dispatcher',
    });
    // Act
    const withDestination = Object.values(configs)
      .filter((c) => c.Properties.DestinationConfig?.OnFailure?.Destination)
      .map((c) => c.Properties.FunctionName.Ref);
    // Assess
    expect(scheduleTargets.length).toBeGreaterThan(0);
    expect(withDestination).toEqual(expect.arrayContaining([dispatcher, ...scheduleTargets]));
    for (const [fn, queue] of [
      ['Dispatcher', /DispatcherFailureQueue.*Arn/],
      ['Sweeper', /SweeperFailureQueue.*Arn/],
      ['Receipts', /ReceiptsFailureQueue.*Arn/],
    ] as const) {
      const config = Object.values(configs).find((c) => c.Properties.FunctionName.Ref.startsWith(fn));
      expect(config?.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: fromStateful(queue) } },
      });
    }
  });

  it('reserves concurrency for the send path only', () => {
    const reserved = Object.fromEntries(
      Object.values(appFunctions).map((f) => [
        f.Properties.FunctionName,
        f.Properties.ReservedConcurrentExecutions,
      ]),
    );
    expect(reserved).toEqual({
      'dondoc-dev-api': undefined,
      'dondoc-dev-planner': undefined,
      'dondoc-dev-dispatcher': 2,
      'dondoc-dev-sweeper': 1,
      'dondoc-dev-receipts': undefined,
    });
  });

  it('allows no cross-origin browser calls: the console reaches the API under its own origin', () => {
    const [api] = Object.values(dev.statelessTemplate.findResources('AWS::ApiGatewayV2::Api'));
    expect(api?.Properties.CorsConfiguration).toBeUndefined();
  });

  it('feeds the table stream to the planner with partial-batch responses, bisection, retries and an on-failure queue', () => {
    const planner = logicalIdOf(dev.statelessTemplate, 'AWS::Lambda::Function', {
      FunctionName: 'dondoc-dev-planner',
    });
    dev.statelessTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: planner },
      EventSourceArn: fromStatefulLike('StreamArn'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 21600,
      DestinationConfig: {
        OnFailure: { Destination: fromStatefulLike('StreamDlq.*Arn') },
      },
    });
  });

  it("sweeps every day at 07:30 in Asia/Ho_Chi_Minh, invoking the sweeper, in the stage's schedule group", () => {
    const sweeper = logicalIdOf(dev.statelessTemplate, 'AWS::Lambda::Function', {
      FunctionName: 'dondoc-dev-sweeper',
    });
    dev.statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 7 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      GroupName: 'dondoc-dev',
      Name: 'dondoc-dev-daily-sweep',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] },
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
      },
    });
  });

  it('fires the 08:00 send window every day in Asia/Ho_Chi_Minh, invoking the dispatcher with the tick payload', () => {
    const dispatcher = logicalIdOf(dev.statelessTemplate, 'AWS::Lambda::Function', {
      FunctionName: 'dondoc-dev-dispatcher',
    });
    dev.statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [dispatcher, 'Arn'] },
        Input: JSON.stringify(tickFixture),
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
      },
    });
  });

  it('lets the dispatcher run long enough to drain a window at the stage SMS rate, below the send lease', () => {
    const dispatcher = Object.values(appFunctions).find(
      (f) => f.Properties.FunctionName === 'dondoc-dev-dispatcher',
    );
    expect(dispatcher?.Properties.Timeout).toBe(240);
    expect(dispatcher?.Properties.Environment.Variables.SMS_PARTS_PER_SECOND).toBe('5');
  });

  it('protects every API route with the Cognito JWT authorizer except GET /health, GET /openapi.json and the personal links', () => {
    const routes = Object.values(dev.statelessTemplate.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey,
      r.Properties.AuthorizationType,
    ]);
    expect(Object.fromEntries(routes)).toEqual({
      $default: 'JWT',
      'GET /health': 'NONE',
      'GET /openapi.json': 'NONE',
      'GET /l/{proxy+}': 'NONE',
      'POST /l/{proxy+}': 'NONE',
    });
  });

  it('checks tokens issued by the stage user pool for the web client and the console client', () => {
    // Prepare
    const consoleClient = logicalIdOf(dev.statelessTemplate, 'AWS::Cognito::UserPoolClient', {
      ClientName: 'dondoc-dev-console',
    });
    // Assess
    dev.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [fromStatefulLike('UserPoolWebClient'), { Ref: consoleClient }],
        Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      },
    });
  });

  it('signs the console in with the authorization-code grant only, with no client secret', () => {
    // Assess
    dev.statelessTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'dondoc-dev-console',
      UserPoolId: fromStatefulLike('UserPool'),
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes' }),
    });
  });

  it("returns from the hosted UI, and from its logout, to the console's own address", () => {
    // Prepare
    const distribution = logicalIdOf(dev.statelessTemplate, 'AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Comment: 'dondoc web console and API' }),
    });
    const consoleRoot = {
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/']],
    };
    // Assess
    dev.statelessTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'dondoc-dev-console',
      CallbackURLs: [consoleRoot],
      LogoutURLs: [consoleRoot],
    });
  });

  it("writes the hosted UI address, the console client and the redirect URI into the console's config.json", () => {
    // Prepare
    const consoleClient = logicalIdOf(dev.statelessTemplate, 'AWS::Cognito::UserPoolClient', {
      ClientName: 'dondoc-dev-console',
    });
    // Act
    const markers = Object.values(dev.statelessTemplate.findResources('Custom::CDKBucketDeployment')).flatMap(
      (deployment) => (deployment.Properties.SourceMarkers ?? []).flatMap((m: object) => Object.values(m)),
    );
    // Assess: the deploy-time values substituted into config.json.
    expect(markers).toEqual(
      expect.arrayContaining([
        fromStateful(/HostedUiDomain/),
        { Ref: consoleClient },
        { 'Fn::GetAtt': [expect.stringMatching(/^WebConsoleDistribution/), 'DomainName'] },
      ]),
    );
  });

  it('logs and throttles the API stage', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('sets the account SMS spend limit, transactional type and delivery-status logging', () => {
    // Prepare
    const calls = Object.values(dev.statelessTemplate.findResources('Custom::AWS'));
    // Act
    const create = JSON.stringify(
      calls.map((c) => c.Properties.Create).find((c) => JSON.stringify(c).includes('setSMSAttributes')),
    );
    // Assess
    expect(create).toContain('setSMSAttributes');
    expect(create).toContain('\\"MonthlySpendLimit\\":\\"1\\"');
    expect(create).toContain('\\"DefaultSMSType\\":\\"Transactional\\"');
    expect(create).toContain('\\"DeliveryStatusSuccessSamplingRate\\":\\"100\\"');
    expect(create).toContain('DeliveryStatusIAMRole');
  });
});
