import { z } from 'zod';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../kernel/auth.ts';
import type { LovitApp } from '../../kernel/http.ts';
import type { Platform } from '../../kernel/platform.ts';
import {
  authOptions,
  changePasswordInput,
  inviteUserInput,
  loginInput,
  newOrganisation,
  organisation,
  organisationPatch,
  organisationsQuery,
  ownSession,
  paged,
  passwordResetConfirmInput,
  passwordResetRequestInput,
  permissionMatrix,
  sessionView,
  setMembershipsInput,
  switchOrganisationInput,
  user,
  userPatch,
  usersQuery,
} from './contract.ts';
import * as directory from './directory.ts';
import { registerOidcRoutes } from './oidc.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });

export function registerIdentityRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Accesso'];
  const LOGIN_RATE = { max: platform.config.loginRatePerMinute, timeWindow: 60_000 };
  app.get(
    '/api/auth/options',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Modalità di accesso disponibili', response: { 200: authOptions } },
    },
    async () => ({
      oidc: { enabled: platform.config.oidc !== null, label: platform.config.oidc?.label ?? '' },
    }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: LOGIN_RATE },
      schema: {
        tags,
        summary: 'Accesso con e-mail e password',
        body: loginInput,
        response: { 200: sessionView },
      },
    },
    async (request, reply) => {
      const session = await service.login(platform, request.caller, request.body, {
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, session.token, platform.config);
      return session.view;
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'La sessione corrente', response: { 200: sessionView } },
    },
    async (request) => service.sessionView(platform, actorOf(request)),
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Esci' } },
    async (request, reply) => {
      await service.logout(platform, request.caller, actorOf(request));
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Esci da tutti i dispositivi' } },
    async (request, reply) => {
      await service.logoutEverywhere(platform, request.caller, actorOf(request));
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/organisation',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Cambia l’ente in cui operi',
        body: switchOrganisationInput,
        response: { 200: sessionView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await service.switchOrganisation(platform, request.caller, actor, request.body.organisationId);
      const refreshed = await service.resolveSession(platform)(
        request.cookies[SESSION_COOKIE] as string,
        false,
      );
      return service.sessionView(platform, refreshed ?? actor);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Cambia la password', body: changePasswordInput },
    },
    async (request, reply) => {
      await service.changePassword(platform, request.caller, actorOf(request), request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', rateLimit: LOGIN_RATE },
      schema: {
        tags,
        summary: 'Chiedi il collegamento per reimpostare la password',
        body: passwordResetRequestInput,
      },
    },
    async (request, reply) => {
      await service.requestPasswordReset(platform, request.caller, request.body.email);
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: LOGIN_RATE },
      schema: {
        tags,
        summary: 'Imposta la password da un collegamento ricevuto',
        body: passwordResetConfirmInput,
      },
    },
    async (request, reply) => {
      await service.confirmPasswordReset(platform, request.caller, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me/sessions',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Le tue sessioni attive', response: { 200: z.array(ownSession) } },
    },
    async (request) => service.listOwnSessions(platform, actorOf(request)),
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Termina una tua sessione',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (request, reply) => {
      await service.revokeOwnSession(platform, request.caller, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  registerOidcRoutes(app, platform);
  registerDirectoryRoutes(app, platform);
}

function registerDirectoryRoutes(app: LovitApp, platform: Platform): void {
  const tags = ['Amministrazione'];
  app.get(
    '/api/organisations',
    {
      config: { access: 'identity.organisations.read' },
      schema: {
        tags,
        summary: 'Enti',
        querystring: organisationsQuery,
        response: { 200: paged(organisation) },
      },
    },
    async (request) => directory.listOrganisations(platform, request.query),
  );
  app.post(
    '/api/organisations',
    {
      config: { access: 'identity.organisations.manage' },
      schema: { tags, summary: 'Nuovo ente', body: newOrganisation, response: { 201: organisation } },
    },
    async (request, reply) =>
      reply.code(201).send(await directory.createOrganisation(platform, request.caller, request.body)),
  );
  app.get(
    '/api/organisations/:id',
    {
      config: { access: 'identity.organisations.read' },
      schema: { tags, summary: 'Un ente', params: idParams, response: { 200: organisation } },
    },
    async (request) => directory.getOrganisation(platform, request.params.id),
  );
  app.patch(
    '/api/organisations/:id',
    {
      config: { access: 'identity.organisations.manage' },
      schema: {
        tags,
        summary: 'Modifica un ente',
        params: idParams,
        body: organisationPatch,
        response: { 200: organisation },
      },
    },
    async (request) =>
      directory.updateOrganisation(platform, request.caller, request.params.id, request.body),
  );
  for (const [verb, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/organisations/:id/${verb}`,
      {
        config: { access: 'identity.organisations.manage' },
        schema: {
          tags,
          summary: isActive ? 'Riattiva un ente' : 'Disattiva un ente',
          params: idParams,
          response: { 200: organisation },
        },
      },
      async (request) =>
        directory.setOrganisationActive(platform, request.caller, request.params.id, isActive),
    );
  }

  app.get(
    '/api/users',
    {
      config: { access: 'identity.users.read' },
      schema: {
        tags,
        summary: 'Utenti (del proprio ente, per chi non è amministratore)',
        querystring: usersQuery,
        response: { 200: paged(user) },
      },
    },
    async (request) => directory.listUsers(platform, request.caller, actorOf(request), request.query),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'identity.users.manage' },
      schema: {
        tags,
        summary: 'Invita un utente (riceve un collegamento per attivare l’account)',
        body: inviteUserInput,
        response: { 201: user },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await directory.inviteUser(platform, request.caller, request.body)),
  );
  app.post(
    '/api/users/:id/invite',
    {
      config: { access: 'identity.users.manage' },
      schema: {
        tags,
        summary: 'Invia di nuovo l’invito a un utente che non ha ancora attivato l’account',
        params: idParams,
        response: { 200: user },
      },
    },
    async (request) => directory.reinviteUser(platform, request.caller, actorOf(request), request.params.id),
  );
  app.get(
    '/api/users/:id',
    {
      config: { access: 'identity.users.read' },
      schema: { tags, summary: 'Un utente', params: idParams, response: { 200: user } },
    },
    async (request) => directory.getUser(platform, request.caller, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: 'identity.users.manage' },
      schema: {
        tags,
        summary: 'Modifica un utente',
        params: idParams,
        body: userPatch,
        response: { 200: user },
      },
    },
    async (request) => directory.updateUser(platform, request.caller, request.params.id, request.body),
  );
  app.put(
    '/api/users/:id/memberships',
    {
      config: { access: 'identity.users.manage' },
      schema: {
        tags,
        summary: 'Enti e ruoli di un utente',
        params: idParams,
        body: setMembershipsInput,
        response: { 200: user },
      },
    },
    async (request) =>
      directory.setMemberships(platform, request.caller, actorOf(request), request.params.id, request.body),
  );
  for (const [verb, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/users/:id/${verb}`,
      {
        config: { access: 'identity.users.manage' },
        schema: {
          tags,
          summary: isActive ? 'Riattiva un utente' : 'Disattiva un utente',
          params: idParams,
          response: { 200: user },
        },
      },
      async (request) =>
        directory.setUserActive(platform, request.caller, actorOf(request), request.params.id, isActive),
    );
  }
  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: 'identity.users.manage' },
      schema: {
        tags,
        summary: 'Annulla le attese imposte dai tentativi di accesso falliti',
        params: idParams,
        response: { 200: user },
      },
    },
    async (request) => directory.unlockUser(platform, request.caller, actorOf(request), request.params.id),
  );
  app.get(
    '/api/permissions',
    {
      config: { access: 'identity.permissions.read' },
      schema: { tags, summary: 'La matrice dei permessi per ruolo', response: { 200: permissionMatrix } },
    },
    async () => directory.permissionMatrix(),
  );
}
