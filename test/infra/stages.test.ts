import { describe, expect, it } from 'vitest';
import { resolveStage, stages } from '../../infra/config/stages.ts';

describe('stage configuration', () => {
  it('picks the stage named on the command line', () => {
    expect(resolveStage('prod').stage).toBe('prod');
  });

  it('rejects an unknown stage with the list of known ones', () => {
    expect(() => resolveStage('staging')).toThrow('Unknown stage "staging": expected one of dev, prod');
  });

  it('rejects a missing stage', () => {
    expect(() => resolveStage(undefined)).toThrow(/Missing stage/);
  });

  it('deploys every stage to ap-southeast-1 with a sender ID SNS accepts', () => {
    for (const config of Object.values(stages)) {
      expect(config.region).toBe('ap-southeast-1');
      if (config.sms.senderId) expect(config.sms.senderId).toMatch(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/);
    }
  });

  it('retains data and requires MFA in prod', () => {
    expect(stages.prod).toMatchObject({
      retainData: true,
      auth: { mfaRequired: true, threatProtection: true },
    });
  });

  it('gives every stage its own hosted UI prefix that Cognito accepts', () => {
    // Prepare
    const prefixes = Object.values(stages).map((config) => config.auth.domainPrefix);
    // Assess
    for (const prefix of prefixes) {
      expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
      expect(prefix).not.toMatch(/aws|amazon|cognito/);
    }
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
