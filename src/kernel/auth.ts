import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AuditContext } from './audit.ts';
import type { Clock } from './clock.ts';
import { AppError, Forbidden, Unauthenticated } from './errors.ts';
import type { LovitApp } from './http.ts';
import { isGranted, type Permission, type Role, type RouteAccess } from './permissions.ts';

/** The signed-in user acting in one of their organisations, with the roles held there. */
export type Actor = {
  userId: string;
  email: string;
  givenName: string;
  familyName: string;
  organisationId: string;
  organisationName: string;
  organisationType: string;
  roles: Role[];
  sessionId: string;
  csrfToken: string;
  sessionExpiresAt: Date;
};

/** Who is calling, from where: every service call gets one, so every change can be audited. */
export type Caller = {
  actor: Actor | null;
  requestId: string | null;
  clientAddress: string | null;
  /** The user being signed in, before there is a session: their sign-in is on their own record. */
  signingIn?: { userId: string; email: string };
  /** A system acting on its own (a peer node delivering messages): how the audit trail names it. */
  system?: string;
};

export const SYSTEM_CALLER: Caller = { actor: null, requestId: null, clientAddress: null };

export function auditContextOf(caller: Caller, clock: Clock): AuditContext {
  return {
    at: clock.now(),
    actorUserId: caller.actor?.userId ?? caller.signingIn?.userId ?? null,
    actorLabel:
      caller.actor?.email ??
      caller.signingIn?.email ??
      caller.system ??
      (caller.requestId ? 'anonimo' : 'sistema'),
    organisationId: caller.actor?.organisationId ?? null,
    requestId: caller.requestId,
    clientAddress: caller.clientAddress,
  };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return isGranted(actor.roles, permission);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Every route declares it; the app refuses to start otherwise. */
    access?: RouteAccess;
    /**
     * A public route that acts for nobody (the public portal): a visitor's session, if any, is not looked up,
     * so a signed-in user's form post there needs no CSRF token and carries no authority.
     */
    actsForNobody?: boolean;
  }
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyInstance {
    /** Every route with its declared access, for the start-up check and the access tests. */
    accessCatalogue(): { method: string; url: string; access: RouteAccess | undefined }[];
  }
}

export const SESSION_COOKIE = 'lovit_session';

/** The session cookie: HttpOnly, SameSite=Lax (the sign-in provider redirects back), Secure over HTTPS. */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  config: { publicUrl: string; session: { maxHours: number } },
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    maxAge: config.session.maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

class CsrfRejected extends AppError {
  constructor() {
    super(
      403,
      'csrf',
      'Richiesta non autorizzata',
      'Token di sicurezza mancante o non valido: ricarica la pagina.',
    );
  }
}

export type AccessControlOptions = {
  /**
   * Finds the live session behind a cookie token (and refreshes it); null when there is none. `readOnly`:
   * the request changes nothing (GET, HEAD, OPTIONS), so a look-up made a moment ago may answer.
   */
  resolveSession(token: string, readOnly: boolean): Promise<Actor | null>;
  /** Finds the system behind a bearer token (an API client of an office); null when there is none. */
  resolveApiClient(token: string): Promise<Actor | null>;
};

/** The signed-in actor of a request; 401 when there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.caller.actor) throw new Unauthenticated();
  return request.caller.actor;
}

/**
 * Guards every route by its declared access, before the body is even read: 401 without a session,
 * 403 without the permission, 403 for a state-changing request without the session's CSRF token.
 * Routes are catalogued as they are added, and the app refuses to become ready if one has no `access`.
 */
export function registerAccessControl(app: LovitApp, options: AccessControlOptions): void {
  const catalogue: RouteOptions[] = [];
  app.decorateRequest('caller', null as unknown as Caller);
  app.decorate('accessCatalogue', () =>
    catalogue.flatMap((route) =>
      [route.method].flat().map((method) => ({ method, url: route.url, access: route.config?.access })),
    ),
  );
  app.addHook('onRoute', (route) => {
    catalogue.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = catalogue.filter((route) => route.config?.access === undefined);
    if (undeclared.length) {
      const list = undeclared.map((r) => `${[r.method].flat().join(',')} ${r.url}`).join('; ');
      throw new Error(`Routes without an access declaration (config.access): ${list}`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    // A system sends a bearer token and no cookie: no ambient authority, so no CSRF token either.
    const config = request.routeOptions.config;
    if (config?.access === 'public' && config.actsForNobody) {
      request.caller = { actor: null, requestId: request.id, clientAddress: request.ip };
      return;
    }
    const bearer = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '')?.[1];
    const token = request.cookies[SESSION_COOKIE];
    const actor = bearer
      ? await options.resolveApiClient(bearer)
      : token
        ? await options.resolveSession(token, SAFE_METHODS.has(request.method))
        : null;
    request.caller = { actor, requestId: request.id, clientAddress: request.ip };
    const access = config?.access ?? 'public';
    if (access !== 'public') {
      if (!actor) throw new Unauthenticated();
      if (access !== 'authenticated' && !hasPermission(actor, access)) throw new Forbidden();
    }
    if (
      actor &&
      !bearer &&
      !SAFE_METHODS.has(request.method) &&
      request.headers[CSRF_HEADER] !== actor.csrfToken
    ) {
      throw new CsrfRejected();
    }
  });

  // An answer to a signed-in user or a system may hold personal data: no browser or proxy keeps a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.caller?.actor && request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}
