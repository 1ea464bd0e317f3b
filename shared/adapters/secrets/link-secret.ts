import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LinkSecret } from '../../ports/links.ts';

/**
 * The link key from Secrets Manager, read on first use and kept for the container's life (one
 * GetSecretValue per cold start). A failed read is not kept: the next message asks again.
 */
export class SecretsManagerLinkSecret implements LinkSecret {
  #key: Promise<string> | undefined;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  key(): Promise<string> {
    this.#key ??= this.read().catch((error: unknown) => {
      this.#key = undefined;
      throw error;
    });
    return this.#key;
  }

  private async read(): Promise<string> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    if (!SecretString) throw new Error(`secret ${this.secretId} has no string value`);
    return SecretString;
  }
}
