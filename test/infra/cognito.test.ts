import { beforeAll, describe, expect, it } from 'vitest';
import { synthTemplates, type Templates } from './support.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resource properties, read field by field
type Props = Record<string, any>;

/** The claims the API authorizes with (shared/api/auth.ts), and the Cognito attributes behind them. */
const trustedAttributes = ['custom:unitId', 'name'];
const minutesPerUnit: Record<string, number> = { minutes: 1, hours: 60, days: 1440 };

for (const stage of ['dev', 'prod']) {
  describe(`Cognito app clients (${stage})`, () => {
    let built: Templates;
    let clients: Props[];
    beforeAll(() => {
      built = synthTemplates(stage);
      clients = [built.statefulTemplate, built.statelessTemplate].flatMap((template) =>
        Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties),
      );
    }, 180_000);
    const client = (name: string): Props => {
      const found = clients.find((c) => c.ClientName === `dondoc-${stage}-${name}`);
      if (!found) throw new Error(`no client ${name}`);
      return found;
    };

    it('has exactly the script client and the console client', () => {
      expect(clients.map((c) => c.ClientName).sort()).toEqual([
        `dondoc-${stage}-console`,
        `dondoc-${stage}-web`,
      ]);
    });

    it('lets no client write custom:unitId or any other attribute the API trusts', () => {
      for (const c of clients) {
        expect(c.WriteAttributes).toEqual(['email']);
        for (const attribute of trustedAttributes) expect(c.WriteAttributes).not.toContain(attribute);
      }
    });

    it('states every client’s readable attributes', () => {
      for (const c of clients) {
        expect(c.ReadAttributes).toEqual(['custom:unitId', 'email', 'email_verified', 'name']);
      }
    });

    it('keeps a changed e-mail address unused until it is verified', () => {
      built.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      });
    });

    it('states every client’s auth flows: SRP for the script client, none but refresh for the console', () => {
      expect(client('web').ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      expect(client('console').ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    });

    it('gives the script client no OAuth grant, scope or callback', () => {
      expect(client('web')).toMatchObject({ AllowedOAuthFlowsUserPoolClient: false });
      for (const key of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs']) {
        expect(client('web')[key]).toBeUndefined();
      }
    });

    it('gives the console the code grant only, OpenID scopes without the admin scope, and its own callback', () => {
      // Act
      const consoleClient = client('console');
      // Assess
      expect(consoleClient.AllowedOAuthFlows).toEqual(['code']);
      expect(consoleClient.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
      expect(JSON.stringify(consoleClient.CallbackURLs)).toContain('WebConsoleDistribution');
      expect(JSON.stringify(consoleClient.CallbackURLs)).not.toContain('example.com');
      expect(consoleClient.LogoutURLs).toEqual(consoleClient.CallbackURLs);
    });

    it('keeps ID and access tokens an hour and refresh tokens one working day at most, revocable', () => {
      for (const c of clients) {
        const minutes = (token: string, value: number) =>
          value * (minutesPerUnit[c.TokenValidityUnits[token]] ?? 0);
        expect(minutes('IdToken', c.IdTokenValidity)).toBe(60);
        expect(minutes('AccessToken', c.AccessTokenValidity)).toBe(60);
        expect(minutes('RefreshToken', c.RefreshTokenValidity)).toBeGreaterThanOrEqual(60);
        expect(minutes('RefreshToken', c.RefreshTokenValidity)).toBeLessThanOrEqual(8 * 60);
        expect(c).toMatchObject({
          GenerateSecret: false,
          EnableTokenRevocation: true,
          PreventUserExistenceErrors: 'ENABLED',
        });
      }
    });
  });
}
