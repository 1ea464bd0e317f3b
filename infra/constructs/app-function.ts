import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, serviceName } from '../../shared/ports/metrics.ts';
import { BUNDLE_TARGET, ESM_REQUIRE_BANNER, NEVER_LOADED_MODULES } from './bundling.ts';

/** The repository root: esbuild resolves the package.json `imports` (`#domain/*` → .ts) from here. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Node runtime of every function; the test suite asserts it. */
export const functionRuntime = Runtime.NODEJS_24_X;

export interface AppFunctionProps {
  /** Physical name, `dondoc-<stage>-<service>`: stable ARNs for the schedules and the dashboards. */
  readonly functionName: string;
  /** Entry file relative to the repository root, e.g. `functions/api/http.ts` (exports `handler`). */
  readonly entry: string;
  /** The stage: the Powertools service is `dondoc-<stage>`, the `service` dimension of every metric. */
  readonly stage: string;
  /** The function's role in the engine (`api`, `planner`...): its role description and alarm names. */
  readonly serviceName: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly logLevel: string;
  readonly removalPolicy: RemovalPolicy;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** Caps (and guarantees) the function's concurrent executions; unset = the account's shared pool. */
  readonly reservedConcurrency?: number;
  /**
   * For a function invoked asynchronously: the queue that receives an event still failing after
   * Lambda's two retries (or older than six hours), with the error, instead of Lambda dropping it.
   */
  readonly onFailure?: IQueue;
}

/**
 * One Lambda function with the house defaults: current Node runtime on ARM64, ESM bundle (minified,
 * source maps, AWS SDK bundled so the code runs the SDK version it was tested with, less the parts
 * a function never loads: infra/constructs/bundling.ts), an explicit log
 * group with retention, Powertools environment and JSON logs.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  /** Execution role: may write to its own log group and nothing else until the stack grants more. */
  readonly role: Role;
  readonly serviceName: string;
  readonly timeout: Duration;
  /** Where failed asynchronous events go (alarmed on by Operations); undefined for synchronous triggers. */
  readonly onFailure: IQueue | undefined;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.serviceName = props.serviceName;
    this.timeout = props.timeout ?? Duration.seconds(30);
    this.onFailure = props.onFailure;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: logs go to this function's log group only.
    this.role = new Role(this, 'Role', {
      description: `dondoc ${props.serviceName} function`,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup.grantWrite(this.role);
    this.fn = new NodejsFunction(this, 'Function', {
      role: this.role,
      entry: path.join(repoRoot, props.entry),
      functionName: props.functionName,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: functionRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      ...(props.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrency }
        : {}),
      description: props.description,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: serviceName(props.stage),
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      // bench/bundles.ts builds with the same options (test/infra/bundling.test.ts compares the bytes).
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // Vietnamese text (holiday names, message templates) as UTF-8, not 6-byte `\uXXXX` escapes.
        // An esbuild argument because this CDK version does not pass its `charset` option on.
        esbuildArgs: { '--charset': 'utf8' },
        sourceMap: true,
        sourceMapMode: SourceMapMode.EXTERNAL,
        sourcesContent: false,
        externalModules: [...NEVER_LOADED_MODULES],
        metafile: false,
        forceDockerBundling: false,
      },
    });
    if (props.onFailure) {
      this.fn.configureAsyncInvoke({ onFailure: new SqsDestination(props.onFailure), retryAttempts: 2 });
    }
  }
}
