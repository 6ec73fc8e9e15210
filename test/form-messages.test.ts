import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Permission, permissionsOf, ROLE_NAMES, type Role } from '../src/kernel/permissions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, type Session, signInEveryRole } from './support/identity.ts';

/**
 * Words of the people who write the software, not of the clerks who read its messages: type and format names,
 * internal codes (`PASSPORT_COPY`), identifiers and dates as the database stores them.
 */
const DEVELOPER_WORDS = [
  /\b(uuid|iso|8601|enum|string|null|undefined|regex|pattern|expected|invalid|received|nan|boolean)\b/i,
  /\b(object|array|record|json|multipart|schema|input|atteso|ricevuto|vettore|stringa|opzione)\b/i,
  /\b[A-Z]{2,}_[A-Z_]+\b/,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
  /\b\d{4}-\d{2}-\d{2}\b/,
  /\bbody\./,
];

const SOME_ID = '01900000-0000-7000-8000-000000000000';
const PARAMS: Record<string, string> = { language: 'it', lang: 'it', code: 'scheda', termKey: 'termine' };

/** An upload form sent with its file field left empty. */
const EMPTY_UPLOAD = {
  boundary: 'lovit-empty-form',
  body: '--lovit-empty-form\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--lovit-empty-form--\r\n',
};

type Route = { method: string; url: string; access: string | undefined };
type Problem = { title?: string; detail?: string; errors?: { path: string; message: string }[] };

const concrete = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? SOME_ID);
const wordsOf = (problem: Problem) => [
  problem.title ?? '',
  problem.detail ?? '',
  ...(problem.errors ?? []).map((error) => error.message),
];
/** What a form sends when its fields are left empty: every field it names, blank. */
const blankForm = (problem: Problem) =>
  Object.fromEntries(
    (problem.errors ?? [])
      .filter((error) => /^body\.\w+$/.test(error.path))
      .map((error) => [error.path.slice('body.'.length), '']),
  );

for (const backend of BACKENDS) {
  describe(`messages of every back-office form submitted empty, on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let sessions = new Map<Role, Session>();
    let forms: Route[];

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const home = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      sessions = await signInEveryRole(t.app, t.platform, home.id);
      forms = t.app
        .accessCatalogue()
        .filter((route) => route.url.startsWith('/api/') && ['POST', 'PUT', 'PATCH'].includes(route.method));
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    /** A session allowed on the route, so that the answer is about the form and not about access. */
    function sessionFor(route: Route): Session {
      const role =
        ROLE_NAMES.find((candidate) => permissionsOf([candidate]).includes(route.access as Permission)) ??
        'admin';
      return sessions.get(role) as Session;
    }

    async function submit(route: Route, payload: Record<string, unknown> | 'upload') {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: concrete(route.url),
        ...(payload === 'upload'
          ? {
              headers: {
                ...sessionFor(route).headers,
                'content-type': `multipart/form-data; boundary=${EMPTY_UPLOAD.boundary}`,
              },
              payload: EMPTY_UPLOAD.body,
            }
          : { headers: sessionFor(route).headers, payload }),
      });
      const problem: Problem = response.headers['content-type']?.includes('json') ? response.json() : {};
      return { status: response.statusCode, type: response.headers['content-type'] ?? '', problem };
    }

    it('answers every empty form in words a clerk uses, naming each field at fault', async () => {
      const faults: string[] = [];
      let validated = 0;
      for (const route of forms) {
        const empty = await submit(route, {});
        // an upload form sends its fields as multipart, with no file when none was chosen
        const blank = await submit(route, empty.status === 415 ? 'upload' : blankForm(empty.problem));
        for (const [what, answer] of empty.status === 415
          ? ([['blank', blank]] as const)
          : ([
              ['{}', empty],
              ['blank', blank],
            ] as const)) {
          const where = `${route.method} ${route.url} (${what})`;
          expect(answer.status, where).toBeLessThan(500);
          if (answer.status >= 400) expect(answer.type, where).toContain('application/problem+json');
          if (answer.problem.errors?.length) validated += 1;
          for (const error of answer.problem.errors ?? [])
            if (!error.path || !error.message) faults.push(`${where}: a field error without its field`);
          for (const words of wordsOf(answer.problem))
            if (DEVELOPER_WORDS.some((pattern) => pattern.test(words))) faults.push(`${where}: «${words}»`);
        }
      }
      expect(faults).toEqual([]);
      expect(validated).toBeGreaterThan(60);
    });

    it('says "Campo obbligatorio" for an empty required field and asks for a date and time by name', async () => {
      const meeting = forms.find((route) => route.url === '/api/council/tables/:id/meetings') as Route;
      const empty = await submit(meeting, {});
      expect(empty.problem.errors).toEqual(
        expect.arrayContaining([
          { path: 'body.title', message: 'Campo obbligatorio' },
          { path: 'body.startsAt', message: 'Indicare data e ora' },
        ]),
      );
      const problem = forms.find((route) => route.url === '/api/opinions/problems') as Route;
      const wrong = await submit(problem, {
        category: 'ALTRO',
        title: 'x',
        description: 'y',
        ownerOrganisationId: 'z',
      });
      expect(wrong.problem.errors).toEqual(
        expect.arrayContaining([
          { path: 'body.category', message: 'Scegliere una delle voci proposte' },
          { path: 'body.ownerOrganisationId', message: 'Scegliere una delle voci proposte' },
        ]),
      );
    });
  });
}
