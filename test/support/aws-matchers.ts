import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { expect } from 'vitest';

// Registers aws-sdk-client-mock-vitest's matchers (README "Manual Setup"); import this file from a test.
expect.extend(allCustomMatcher);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat vitest's own declaration `Matchers<T = any>` exactly.
  interface Matchers<T = any> extends BaseMatcher<T> {}
}
