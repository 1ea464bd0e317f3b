import { afterEach, describe, expect, it, vi } from 'vitest';

const modules = [
  '../../functions/api/http.ts',
  '../../functions/stream/planner.ts',
  '../../functions/scheduler/dispatcher.ts',
  '../../functions/scheduled/sweeper.ts',
];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the function modules', () => {
  it.each(modules)('%s imports without any environment and builds nothing until invoked', async (path) => {
    // Prepare
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', '');
    vi.stubEnv('STAGE', '');
    // Act
    const module = await import(path);
    // Assess
    expect(typeof module.handler).toBe('function');
    expect(typeof module.createHandler).toBe('function');
    await expect(module.handler({}, {})).rejects.toThrow(/TABLE_NAME is required/);
  });
});
