import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { expect } from 'vitest';

// Registers aws-sdk-client-mock-vitest's matchers (README "Manual Setup"); import this file from a test.
expect.extend(allCustomMatcher);

// Repeats vitest's own `Matchers<T = any>` exactly, as declaration merging requires.
declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: declaration merging must repeat vitest's own parameter exactly
  interface Matchers<T = any> extends BaseMatcher<T> {}
}
