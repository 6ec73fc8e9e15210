import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../src/kernel/permissions.ts';
import { pressIndicators } from '../src/modules/outreach/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { pdfText } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

type Person = 'writer' | 'colleague' | 'mediator';

const RELEASE = {
  title: 'Lo Sportello Unico apre il giovedì pomeriggio',
  summary: 'Da lunedì 9 marzo nuovi orari per le domande di ricongiungimento familiare.',
  body: 'La Prefettura di Lodi comunica che lo **Sportello Unico** riceve anche il giovedì dalle 14 alle 16.',
};
const contact = (n: number, extra: Record<string, unknown> = {}) => ({
  outlet: `Testata ${n}`,
  name: `Giornalista ${n}`,
  beat: 'Cronaca',
  email: `Giornalista${n}@Testata.example`,
  phone: '+39 0371 123456',
  language: 'it',
  legalBasis: 'LEGITIMATE_INTEREST',
  legalBasisNote: 'Indirizzo della redazione pubblicato sul sito della testata',
  ...extra,
});

for (const backend of BACKENDS) {
  describe(`press office on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const sessions = {} as Record<Person, Session>;
    const contacts: string[] = [];
    let releaseId: string;

    const api = (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const page = (url: string) => t.app.inject({ method: 'GET', url });

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, {
        jobs: true,
        config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://lovit.example' },
      });
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const people: [Person, Role][] = [
        ['writer', 'communications'],
        ['colleague', 'project_manager'],
        ['mediator', 'mediator'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        sessions[who] = await signIn(t.app, user.email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('keeps press contacts with the legal basis, one per address, refusing wrong input by field', async () => {
      const wrong = await api('writer', 'POST', '/api/outreach/press/contacts', {
        ...contact(0),
        email: 'non-un-indirizzo',
        phone: 'chiamare',
        legalBasis: 'PERCHÉ SÌ',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.email', message: 'indirizzo e-mail non valido' },
          { path: 'body.phone', message: 'indicare un numero di telefono, ad esempio +39 0371 123456' },
          { path: 'body.legalBasis', message: 'Scegliere la base giuridica dall’elenco' },
        ]),
      );
      expect((await api('mediator', 'POST', '/api/outreach/press/contacts', contact(0))).statusCode).toBe(
        403,
      );
      expect((await api('mediator', 'GET', '/api/outreach/press/contacts')).statusCode).toBe(403);
      for (const n of [1, 2, 3]) {
        const added = await api('writer', 'POST', '/api/outreach/press/contacts', contact(n));
        expect(added.statusCode).toBe(201);
        expect(added.json().email).toBe(`giornalista${n}@testata.example`);
        contacts.push(added.json().id);
      }
      const again = await api(
        'writer',
        'POST',
        '/api/outreach/press/contacts',
        contact(1, { outlet: 'Altra' }),
      );
      expect(again.statusCode).toBe(422);
      expect(again.json().errors).toEqual([
        { path: 'body.email', message: 'c’è già un contatto con questo indirizzo e-mail' },
      ]);
      const list = await api('writer', 'GET', '/api/outreach/press/contacts?q=testata%202');
      expect(list.json()).toMatchObject({ total: 1, items: [{ name: 'Giornalista 2' }] });
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('entityType')
        .where('entityType', '=', 'outreach_press_contacts')
        .execute();
      expect(reads.length).toBeGreaterThan(0);
    });

    it('has a release reviewed by someone else, then sends it through the outbox with a one-click unsubscription', async () => {
      const written = await api('writer', 'POST', '/api/outreach/press/releases', RELEASE);
      expect(written.statusCode).toBe(201);
      releaseId = written.json().id;
      const early = await api('writer', 'POST', `/api/outreach/press/releases/${releaseId}/send`, {
        contactIds: contacts,
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe('Il comunicato deve essere revisionato prima dell’invio.');
      expect(
        (await api('writer', 'POST', `/api/outreach/press/releases/${releaseId}/review`)).statusCode,
      ).toBe(403);
      expect(
        (await api('colleague', 'POST', `/api/outreach/press/releases/${releaseId}/review`)).statusCode,
      ).toBe(200);

      const none = await api('writer', 'POST', `/api/outreach/press/releases/${releaseId}/send`, {
        contactIds: [],
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().errors).toEqual([
        { path: 'body.contactIds', message: 'scegliere almeno un destinatario' },
      ]);
      const sent = await api('writer', 'POST', `/api/outreach/press/releases/${releaseId}/send`, {
        contactIds: contacts.slice(0, 2),
      });
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'SENT', recipients: 2 });

      const mail = await vi.waitFor(
        () => {
          const found = smtp.inbox.find((m) => m.to.includes('giornalista1@testata.example'));
          if (!found) throw new Error('no release yet');
          return found;
        },
        { timeout: 10_000 },
      );
      expect(mail.subject).toBe(`Comunicato stampa: ${RELEASE.title}`);
      expect(mail.text).toContain('Fondo Asilo, Migrazione e Integrazione');
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      const link = /^<(https:\/\/lovit\.example\/portale\/it\/stampa\/disiscrizione\?t=[^>]+)>$/.exec(
        mail.headers['list-unsubscribe'] ?? '',
      )?.[1];
      expect(link).toBeDefined();
      const path = new URL(link as string);

      await vi.waitFor(
        async () => {
          const view = await api('writer', 'GET', `/api/outreach/press/releases/${releaseId}`);
          expect(view.json().sends.map((send: { status: string }) => send.status)).toEqual(['SENT', 'SENT']);
        },
        { timeout: 10_000 },
      );

      // the mail program's one-click request: no session, no form of ours
      const question = await page(`${path.pathname}${path.search}`);
      expect(question.statusCode).toBe(200);
      expect(question.body).toContain('giornalista1@testata.example');
      const oneClick = await t.app.inject({
        method: 'POST',
        url: `${path.pathname}${path.search}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.statusCode).toBe(200);
      expect(oneClick.body).toContain('non riceverà più i comunicati');
      // the mail program retries, the journalist clicks again: still done, once
      const retried = await t.app.inject({
        method: 'POST',
        url: `${path.pathname}${path.search}`,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload:
          '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
      });
      expect(retried.statusCode).toBe(200);
      expect((await page(`${path.pathname}${path.search}`)).body).toContain('non riceverà più i comunicati');
      const unsubscriptions = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', '=', 'outreach.press-contact.unsubscribe')
        .execute();
      expect(unsubscriptions).toHaveLength(1);
      const forged = await t.app.inject({
        method: 'POST',
        url: `${path.pathname}?t=${contacts[1]}.9999999999.${'A'.repeat(43)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(forged.statusCode).toBe(404);

      const reachable = await api('writer', 'GET', '/api/outreach/press/contacts?reachable=false');
      expect(reachable.json().items.map((item: { id: string }) => item.id)).toEqual([contacts[0]]);
      const second = await api('writer', 'POST', '/api/outreach/press/releases', {
        ...RELEASE,
        title: 'Secondo',
      });
      await api('colleague', 'POST', `/api/outreach/press/releases/${second.json().id}/review`);
      const refused = await api('writer', 'POST', `/api/outreach/press/releases/${second.json().id}/send`, {
        contactIds: contacts,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0].message).toBe('non vogliono più ricevere comunicati: Giornalista 1');
      const locked = await api('writer', 'PUT', `/api/outreach/press/releases/${releaseId}`, RELEASE);
      expect(locked.statusCode).toBe(409);
      const withImage = await api('writer', 'POST', '/api/outreach/press/releases', {
        ...RELEASE,
        body: 'Foto: ![sala](https://example.org/a.png)',
      });
      expect(withImage.statusCode).toBe(422);
      expect(withImage.json().errors).toEqual([
        { path: 'body.body', message: 'un comunicato non contiene immagini: toglierle dal testo' },
      ]);
      const recipientReads = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('entityType', '=', 'outreach_press_release_recipients')
        .execute();
      expect(recipientReads.map((read) => read.entityId)).toContain(releaseId);
    });

    it('shows the sent release and the press kit in the public press area', async () => {
      const area = await page('/portale/en/stampa');
      expect(area.statusCode).toBe(200);
      expect(area.body).toContain(RELEASE.title);
      expect(area.body).not.toContain('Secondo');
      const release = await page(`/portale/it/stampa/${releaseId}`);
      expect(release.body).toContain('<strong>Sportello Unico</strong>');
      const emblem = await page('/portale/stampa/emblema-ue.svg');
      expect(emblem.headers['content-type']).toContain('image/svg+xml');
      expect(emblem.body.match(/<polygon /g)).toHaveLength(12);
      const sheet = await page('/portale/stampa/scheda-progetto.pdf');
      expect(sheet.headers['content-type']).toBe('application/pdf');
      expect(pdfText(sheet.rawPayload)).toContain('Comunicati stampa inviati');
      expect(await pressIndicators(t.platform)).toMatchObject({ releasesSent: 1, releaseRecipients: 2 });
      expect((await page('/sitemap.xml')).body).toContain(`/portale/it/stampa/${releaseId}`);
    });

    it('erases a contact on their request: the data and the addresses in the outbox go, the sends still count', async () => {
      const erase = (who: Person, id: string) =>
        api(who, 'POST', `/api/outreach/press/contacts/${id}/erasure`);
      expect((await erase('mediator', contacts[1] as string)).statusCode).toBe(403);
      expect((await erase('writer', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      const erased = await erase('writer', contacts[1] as string);
      expect(erased.statusCode).toBe(200);
      expect(erased.json()).toMatchObject({
        name: 'Contatto cancellato',
        phone: null,
        beat: null,
        erasedAt: expect.any(String),
        unsubscribedAt: expect.any(String),
      });
      expect(erased.json().email).not.toContain('giornalista2');
      const kept = await database.db
        .selectFrom('mailOutbox')
        .select(['recipient', 'body'])
        .where('recipient', 'ilike', '%giornalista2%')
        .execute();
      expect(kept).toEqual([]);
      const again = await erase('writer', contacts[1] as string);
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('Il contatto è già stato cancellato.');
      const corrected = await api('writer', 'PUT', `/api/outreach/press/contacts/${contacts[1]}`, contact(2));
      expect(corrected.statusCode).toBe(409);
      const found = await api('writer', 'GET', '/api/outreach/press/contacts?q=giornalista2');
      expect(found.json().total).toBe(0);
      // the release sent to two contacts still counts two recipients
      expect(await pressIndicators(t.platform)).toMatchObject({ releasesSent: 1, releaseRecipients: 2 });
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', '=', 'outreach.press-contact.erase')
        .execute();
      expect(audit).toHaveLength(1);
    });
  });
}
