import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

export type TestIdentity = { sub: string; email?: string; fiscalNumber?: string };

/** A running provider: its issuer is known at once, its client (LOVIT) once `admit` gives its return address. */
export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers LOVIT, returning to `redirectUri`, as the provider's one client; the provider answers from then on. */
  admit(redirectUri: string): void;
  stop(): Promise<void>;
};

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, with its development login form:
 * any login name signs in as the identity registered under that name. It listens on a port the system
 * chooses before LOVIT starts, so that LOVIT can be configured with its issuer; LOVIT's own address, which
 * the provider must know as its client's return address, comes after through `admit`.
 */
export async function startOidcProvider(options: { identities: TestIdentity[] }): Promise<TestOidcProvider> {
  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    if (handle) return handle(request, response);
    response.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  const byLogin = new Map(options.identities.map((identity) => [identity.sub, identity]));
  const admit = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'lovit',
          client_secret: 'lovit-test-secret',
          redirect_uris: [redirectUri],
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
      jwks: {
        keys: [generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })],
      },
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
    handle = provider.callback();
  };
  return {
    issuer,
    clientId: 'lovit',
    clientSecret: 'lovit-test-secret',
    admit,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
