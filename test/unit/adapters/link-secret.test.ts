import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerLinkSecret } from '#adapters/secrets/link-secret';

const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:dondoc-dev-link-key-AbC123';
const sm = mockClient(SecretsManagerClient);

beforeEach(() => sm.reset());

describe('SecretsManagerLinkSecret', () => {
  it('reads the key once per container', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'k3y' });
    const secret = new SecretsManagerLinkSecret(new SecretsManagerClient({ region: 'ap-southeast-1' }), ARN);

    const keys = await Promise.all([secret.key(), secret.key(), secret.key()]);

    expect(keys).toEqual(['k3y', 'k3y', 'k3y']);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN });
  });

  it('asks again after a failed read instead of keeping the failure', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: 'k3y' });
    const secret = new SecretsManagerLinkSecret(new SecretsManagerClient({ region: 'ap-southeast-1' }), ARN);

    await expect(secret.key()).rejects.toThrow('throttled');

    expect(await secret.key()).toBe('k3y');
  });
});
