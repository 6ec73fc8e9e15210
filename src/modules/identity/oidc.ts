import * as client from 'openid-client';
import { z } from 'zod';
import { setSessionCookie } from '../../kernel/auth.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import { beginOidcLogin, LOGIN_WINDOW_MS, refuseOidcLogin, takeOidcLogin } from './oidc-logins.ts';
import { fiscalCodeFromClaim, safeReturnPath } from './rules.ts';
import * as service from './service.ts';

const STATE_COOKIE = 'lovit_oidc_state';

type OidcSettings = NonNullable<Platform['config']['oidc']>;

/** Discovers the provider once per process, on first use (the provider may start after LOVIT). */
function providerOf(settings: OidcSettings) {
  let configuration: Promise<client.Configuration> | undefined;
  return () => {
    configuration ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };
}

/**
 * Sign-in through OpenID Connect (authorization code with PKCE): how SPID and CIE arrive through an
 * identity proxy. The account is matched by fiscal code, else by e-mail; nobody registers themselves.
 */
export function registerOidcRoutes(app: LovitApp, platform: Platform): void {
  const settings = platform.config.oidc;
  const tags = ['Accesso'];
  const provider = settings ? providerOf(settings) : null;

  app.get(
    '/api/auth/oidc/start',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Avvia l’accesso con SPID/CIE',
        querystring: z.object({ returnTo: z.string().max(500).optional() }),
      },
    },
    async (request, reply) => {
      if (!provider) return reply.redirect('/accesso?errore=oidc');
      const configuration = await provider().catch(() => null);
      if (!configuration) return reply.redirect('/accesso?errore=oidc');
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      await beginOidcLogin(platform, {
        state,
        codeVerifier,
        nonce,
        returnTo: safeReturnPath(request.query.returnTo),
      });
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: `${platform.config.publicUrl}/api/auth/oidc/callback`,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      // The state is also bound to this browser: a callback carrying someone else's login is refused.
      reply.setCookie(STATE_COOKIE, state, {
        path: '/api/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: platform.config.publicUrl.startsWith('https://'),
        maxAge: LOGIN_WINDOW_MS / 1000,
      });
      return reply.redirect(url.href);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Ritorno dal fornitore di identità',
        querystring: z
          .object({
            state: z
              .string()
              .regex(/^[A-Za-z0-9_-]{1,200}$/)
              .optional(),
          })
          .loose(),
      },
    },
    async (request, reply) => {
      const state = request.query.state;
      const boundToBrowser = state !== undefined && request.cookies[STATE_COOKIE] === state;
      reply.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
      const pending = boundToBrowser ? await takeOidcLogin(platform, state) : undefined;
      const configuration = provider ? await provider().catch(() => null) : null;
      const now = platform.clock.now();
      if (
        !settings ||
        !configuration ||
        !pending ||
        now.getTime() - pending.createdAt.getTime() > LOGIN_WINDOW_MS
      ) {
        return reply.redirect('/accesso?errore=oidc');
      }
      const current = new URL(request.url, platform.config.publicUrl);
      const claims = await client
        .authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
        })
        .then(async (tokens) => {
          const idToken = tokens.claims();
          if (!idToken) return undefined;
          // Many providers (and SPID/CIE proxies) give the attributes at the userinfo endpoint only.
          const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
          return { ...userInfo, ...idToken };
        })
        .catch((error: unknown) => {
          request.log.warn({ err: error }, 'OpenID Connect code exchange failed');
          return undefined;
        });
      if (!claims) return reply.redirect('/accesso?errore=oidc');
      const fiscalCode = fiscalCodeFromClaim(claims[settings.fiscalCodeClaim]);
      const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email : null;
      const user = await service.findUserForIdentity(platform, { fiscalCode, email });
      if (!user?.isActive) {
        await refuseOidcLogin(platform, request.caller, {
          userId: user?.id ?? null,
          issuer: settings.issuer,
          subject: claims.sub,
        });
        return reply.redirect('/accesso?errore=sconosciuto');
      }
      const session = await service.loginIdentified(platform, request.caller, user, {
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, session.token, platform.config);
      return reply.redirect(pending.returnTo);
    },
  );
}
