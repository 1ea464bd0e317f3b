/**
 * What AppFunction (CDK's NodejsFunction) and bench/bundles.ts (esbuild's JS API) share to build
 * each Lambda bundle; test/infra/bundling.test.ts checks that both produce the same bytes. No CDK
 * import here, so the bench loads it without the CDK library.
 */

/** Node version the bundles are compiled for (the functions run on nodejs24.x). */
export const BUNDLE_TARGET = 'node24';

/** Lets bundled CommonJS dependencies call `require` inside an ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __dondocCreateRequire } from 'node:module'; const require = __dondocCreateRequire(import.meta.url);";

/**
 * Modules the AWS SDK reaches only through a dynamic `import()` that a dondoc function never
 * takes, left out of the bundles (about 136 KB each). The SDK itself stays bundled.
 * - Credential providers after the environment one: the default chain asks `fromEnv` first, and
 *   Lambda always sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (the stack
 *   sets no AWS_PROFILE), so SSO, ini files, credential processes, web-identity tokens, the
 *   container and instance metadata providers, and the STS, SSO-OIDC and sign-in clients they load,
 *   are never imported. test/infra/bundling.test.ts proves it: a bundle built with these options
 *   signs and sends a DynamoDB request from a directory where none of them could be resolved.
 * - `@smithy/core/event-streams`: loaded only for event-stream operations; DynamoDB, Scheduler and
 *   SNS have none.
 * Were one of them ever reached, the import would resolve to the copy the Lambda Node.js runtime ships.
 */
export const NEVER_LOADED_MODULES: readonly string[] = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@smithy/credential-provider-imds',
  '@smithy/core/event-streams',
];
