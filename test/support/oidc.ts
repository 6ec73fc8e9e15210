import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export type TestIdentity = { sub: string; email?: string; fiscalNumber?: string };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, with its development login form:
 * any login name signs in as the identity registered under that name.
 */
export async function startOidcProvider(options: {
  port: number;
  redirectUri: string;
  identities: TestIdentity[];
}): Promise<{ issuer: string; clientId: string; clientSecret: string; stop(): Promise<void> }> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const byLogin = new Map(options.identities.map((identity) => [identity.sub, identity]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'lovit',
        client_secret: 'lovit-test-secret',
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['fiscal_number'] },
    async findAccount(_ctx, sub) {
      const identity = byLogin.get(sub) ?? { sub };
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(identity.email ? { email: identity.email, email_verified: true } : {}),
            ...(identity.fiscalNumber ? { fiscal_number: identity.fiscalNumber } : {}),
          };
        },
      };
    },
    pkce: { required: () => true },
    jwks: { keys: [generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = provider.listen(options.port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    issuer,
    clientId: 'lovit',
    clientSecret: 'lovit-test-secret',
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
