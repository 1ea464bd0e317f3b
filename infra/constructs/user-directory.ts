import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolClientOptions,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.ts';

/**
 * What a signed-in user may read about themselves. `custom:unitId` (the unit a unit head acts for),
 * the groups and `name` are what the API trusts: only administrators set them (AdminUpdateUserAttributes).
 */
export const clientReadAttributes = new ClientAttributes()
  .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
  .withCustomAttributes('unitId');

/**
 * What a user may change with their own access token: the e-mail address only, which Cognito
 * requires an app client to be able to write because it is a required attribute; the old address
 * stays the one they sign in with until the new one is verified (`keepOriginal`). Nothing the API
 * authorizes with is writable.
 */
export const clientWriteAttributes = new ClientAttributes().withStandardAttributes({ email: true });

/** Token lifetimes of every app client: an hour for ID and access tokens, one working day at most for refresh. */
export const tokenValidity = {
  idTokenValidity: Duration.hours(1),
  accessTokenValidity: Duration.hours(1),
  /** Vietnamese public offices work 8 hours a day (07:30–16:30 with a lunch break). */
  maxRefreshTokenValidity: Duration.hours(8),
} as const;

/**
 * The settings every app client states explicitly (attributes, user-existence errors, revocation,
 * ID and access token lifetimes); each client adds its flows, grants and refresh lifetime.
 */
export const appClientDefaults: UserPoolClientOptions = {
  generateSecret: false,
  readAttributes: clientReadAttributes,
  writeAttributes: clientWriteAttributes,
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  idTokenValidity: tokenValidity.idTokenValidity,
  accessTokenValidity: tokenValidity.accessTokenValidity,
};

/**
 * Pins a client's explicit auth flows to exactly `flows`. CDK omits the property when no flow is
 * enabled, which leaves Cognito's defaults (SRP, custom auth, refresh) on; refresh cannot be turned off.
 */
export function pinAuthFlows(client: UserPoolClient, flows: string[]): void {
  (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = [...flows, 'ALLOW_REFRESH_TOKEN_AUTH'];
}

export interface UserDirectory {
  readonly userPool: UserPool;
  /** For scripts and integrations that sign a user in with SRP; no OAuth grant, no callback. */
  readonly scriptClient: UserPoolClient;
  /** The Cognito hosted UI (`https://<auth.domainPrefix>.auth.<region>.amazoncognito.com`). */
  readonly domain: UserPoolDomain;
}

/**
 * The Cognito user pool of a stage: administrators create users (no self sign-up), two groups,
 * the hosted UI domain, and a script client (SRP only, no OAuth). The console's own client lives
 * in the stateless stack, next to the distribution whose address is its callback URL. Created
 * straight in `scope` (the stateful stack), so the pool keeps its logical id and its users.
 */
export function createUserDirectory(
  scope: Construct,
  config: StageConfig,
  removalPolicy: RemovalPolicy,
): UserDirectory {
  const userPool = new UserPool(scope, 'UserPool', {
    userPoolName: `dondoc-${config.stage}`,
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    standardAttributes: {
      email: { required: true, mutable: true },
      fullname: { required: false, mutable: true },
    },
    // Mutable so that an administrator can move an official to another unit; no app client may write it.
    customAttributes: { unitId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: config.auth.mfaRequired ? Mfa.REQUIRED : Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    featurePlan: config.auth.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
    ...(config.auth.threatProtection
      ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
      : {}),
    deletionProtection: config.retainData,
    removalPolicy,
  });
  for (const [groupName, description] of [
    ['admin', 'Provincial office administrators: configure everything'],
    ['unit-head', 'Unit heads and focal officers: their own unit only (custom:unitId)'],
  ] as const) {
    new UserPoolGroup(scope, `Group-${groupName}`, { userPool, groupName, description });
  }
  const scriptClient = userPool.addClient('WebClient', {
    ...appClientDefaults,
    userPoolClientName: `dondoc-${config.stage}-web`,
    authFlows: { userSrp: true },
    disableOAuth: true,
    refreshTokenValidity: tokenValidity.maxRefreshTokenValidity,
  });
  pinAuthFlows(scriptClient, ['ALLOW_USER_SRP_AUTH']);
  const domain = new UserPoolDomain(scope, 'HostedUiDomain', {
    userPool,
    cognitoDomain: { domainPrefix: config.auth.domainPrefix },
    managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
  });
  acknowledgeUserPoolFindings(userPool, config);
  return { userPool, scriptClient, domain };
}

function acknowledgeUserPoolFindings(userPool: UserPool, config: StageConfig): void {
  if (!config.auth.mfaRequired) {
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: `Stage ${config.stage} holds test data only; TOTP MFA is offered (optional). Production stages set auth.mfaRequired.`,
    });
  }
  if (!config.auth.threatProtection) {
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: `Stage ${config.stage} holds test data only; the Plus feature plan (threat protection) is used on production stages.`,
    });
  }
}
