import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { countRequest } from '../src/kernel/rate-limits.ts';
import {
  cancelRegistration,
  type RegistrationOutcome,
  register,
} from '../src/modules/outreach/events/seats.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

const SESSION = {
  label: 'Sala consiliare',
  day: '2026-04-18',
  startTime: '09:30',
  endTime: '12:00',
  venue: 'Palazzo della Provincia',
  address: 'Via Fanfulla 14, Lodi',
  accessibility: 'Ingresso senza gradini.',
};
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

for (const backend of BACKENDS) {
  describe(`registrations written in batches on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let comms: Session;

    const api = async (method: 'POST' | 'PUT', url: string, payload: object) => {
      const answer = await t.app.inject({ method, url, headers: comms.headers, payload });
      if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.body}`);
      return answer.json();
    };
    /** A published event with one session of `capacity` seats. */
    const publishedEvent = async (title: string, capacity: number) => {
      const event = await api('POST', '/api/outreach/events', {
        kind: 'CONFERENCE',
        title,
        summary: 'Un incontro pubblico.',
        description: 'Un incontro pubblico sul progetto.',
      });
      const made = await api('POST', `/api/outreach/events/${event.id}/sessions`, { ...SESSION, capacity });
      await api('PUT', `/api/outreach/events/${event.id}/published`, { published: true });
      return { eventId: event.id as string, sessionId: made.sessions[0].id as string };
    };
    const post = (eventId: string, fields: Record<string, string>, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: `/portale/it/eventi/${eventId}`,
        headers: FORM_HEADERS,
        remoteAddress,
        payload: new URLSearchParams({ language: 'it', consent: 'yes', ...fields }).toString(),
      });
    const person = (sessionId: string, i: number, email = `persona${i}@example.org`) => ({
      sessionId,
      name: `Persona ${i}`,
      email,
      organisation: null,
      organisationType: null,
      language: 'it',
      accessibilityNeeds: null,
      interpretationLanguage: null,
    });
    const registrationsOf = (sessionId: string) =>
      database.db
        .selectFrom('outreachRegistration')
        .select(['id', 'name', 'email', 'status', 'arrival'])
        .where('sessionId', '=', sessionId)
        .orderBy('arrival')
        .execute();

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const office = await makeOrganisation(t.platform, { name: 'Prefettura di Lodi', type: 'PREFECTURE' });
      const user = await makeUser(t.platform, [{ organisationId: office.id, role: 'communications' }]);
      comms = await signIn(t.app, user.email);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('gives exactly the seats to the first arrivals and lists the others in the order they came', async () => {
      const { sessionId } = await publishedEvent('Incontro sui posti', 7);
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) => register(t.platform, SYSTEM_CALLER, person(sessionId, i))),
      );
      expect(outcomes.every((outcome) => outcome.kind === 'registered')).toBe(true);
      const stored = await registrationsOf(sessionId);
      expect(stored.map((row) => row.name)).toEqual(Array.from({ length: 40 }, (_, i) => `Persona ${i}`));
      expect(stored.map((row) => row.status)).toEqual([
        ...Array(7).fill('CONFIRMED'),
        ...Array(33).fill('WAITLISTED'),
      ]);
      const positions = outcomes.map((outcome) => (outcome.kind === 'registered' ? outcome.position : -1));
      expect(positions).toEqual([...Array(7).fill(null), ...Array.from({ length: 33 }, (_, i) => i + 1)]);
    });

    it('keeps the seats exact for many posting the form at once, each e-mail queued once and each audited', async () => {
      const { eventId, sessionId } = await publishedEvent('Incontro del giorno dei clic', 12);
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          post(
            eventId,
            { sessionId, name: `Ospite ${i}`, email: `ospite${i}@example.org` },
            `192.0.2.${i + 1}`,
          ),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(60).fill(303));
      const stored = await registrationsOf(sessionId);
      expect(stored).toHaveLength(60);
      const confirmed = stored.filter((row) => row.status === 'CONFIRMED');
      const waiting = stored.filter((row) => row.status === 'WAITLISTED');
      expect(confirmed).toHaveLength(12);
      expect(waiting).toHaveLength(48);
      const lastSeat = Math.max(...confirmed.map((row) => Number(row.arrival)));
      expect(Math.min(...waiting.map((row) => Number(row.arrival)))).toBeGreaterThan(lastSeat);

      const ids = stored.map((row) => row.id);
      const mails = await database.db
        .selectFrom('mailOutbox')
        .select(['entityId', 'topic', 'recipient'])
        .where('entityId', 'in', ids)
        .execute();
      expect(mails).toHaveLength(60);
      expect(new Set(mails.map((mail) => mail.entityId)).size).toBe(60);
      expect(mails.filter((mail) => mail.topic === 'outreach.registration.confirmed')).toHaveLength(12);
      expect(new Set(mails.map((mail) => mail.recipient))).toEqual(new Set(stored.map((row) => row.email)));

      const audited = await database.db
        .selectFrom('auditEntry')
        .select(['entityId', 'action'])
        .where('entityType', '=', 'outreach_registration')
        .where('entityId', 'in', ids)
        .execute();
      expect(audited).toHaveLength(60);
      expect(audited.filter((entry) => entry.action === 'outreach.registration.confirm')).toHaveLength(12);
      expect(audited.filter((entry) => entry.action === 'outreach.registration.waitlist')).toHaveLength(48);
    });

    it('cancels many at once, offering each freed seat to the next waiting in order, a second cancel answering false', async () => {
      const { sessionId } = await publishedEvent('Incontro con rinunce', 6);
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => register(t.platform, SYSTEM_CALLER, person(sessionId, i))),
      );
      const ids = outcomes.map((outcome) => (outcome.kind === 'registered' ? outcome.registrationId : ''));
      const cancelled = await Promise.all([
        ...[0, 2, 4].map((i) => cancelRegistration(t.platform, SYSTEM_CALLER, ids[i] as string)),
        cancelRegistration(t.platform, SYSTEM_CALLER, ids[2] as string),
        cancelRegistration(t.platform, SYSTEM_CALLER, ids[8] as string),
      ]);
      expect(cancelled).toEqual([true, true, true, false, true]);
      const stored = await registrationsOf(sessionId);
      expect(stored.map((row) => [row.name, row.status])).toEqual([
        ['Persona 0', 'CANCELLED'],
        ['Persona 1', 'CONFIRMED'],
        ['Persona 2', 'CANCELLED'],
        ['Persona 3', 'CONFIRMED'],
        ['Persona 4', 'CANCELLED'],
        ['Persona 5', 'CONFIRMED'],
        ['Persona 6', 'OFFERED'],
        ['Persona 7', 'OFFERED'],
        ['Persona 8', 'CANCELLED'],
        ['Persona 9', 'OFFERED'],
        ['Persona 10', 'WAITLISTED'],
        ['Persona 11', 'WAITLISTED'],
      ]);
      const audited = await database.db
        .selectFrom('auditEntry')
        .select(['entityId', 'action'])
        .where('action', 'in', [
          'outreach.registration.cancel',
          'outreach.registration.cancel-again',
          'outreach.registration.offer',
        ])
        .where('entityId', 'in', ids)
        .execute();
      expect(audited.filter((entry) => entry.action === 'outreach.registration.cancel')).toHaveLength(4);
      expect(audited.filter((entry) => entry.action === 'outreach.registration.cancel-again')).toEqual([
        { entityId: ids[2], action: 'outreach.registration.cancel-again' },
      ]);
      expect(
        audited
          .filter((entry) => entry.action === 'outreach.registration.offer')
          .map((entry) => entry.entityId),
      ).toEqual(expect.arrayContaining([ids[6], ids[7], ids[9]]));
      const offers = await database.db
        .selectFrom('mailOutbox')
        .select('entityId')
        .where('topic', '=', 'outreach.registration.offer')
        .where('entityId', 'in', ids)
        .execute();
      expect(offers.map((mail) => mail.entityId).sort()).toEqual([ids[6], ids[7], ids[9]].sort());
    });

    it('refuses the same address twice, even in the same batch', async () => {
      const { eventId, sessionId } = await publishedEvent('Incontro senza doppioni', 3);
      const outcomes: RegistrationOutcome[] = await Promise.all([
        register(t.platform, SYSTEM_CALLER, person(sessionId, 1, 'stessa@example.org')),
        register(t.platform, SYSTEM_CALLER, person(sessionId, 2, 'altra@example.org')),
        register(t.platform, SYSTEM_CALLER, person(sessionId, 3, 'stessa@example.org')),
      ]);
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['registered', 'registered', 'refused']);
      expect(outcomes[2]).toEqual({ kind: 'refused', reason: 'duplicate' });
      const again = await post(
        eventId,
        { sessionId, name: 'Di nuovo', email: 'stessa@example.org' },
        '198.51.100.9',
      );
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('già');
      expect((await registrationsOf(sessionId)).map((row) => row.email)).toEqual([
        'stessa@example.org',
        'altra@example.org',
      ]);
    });

    it('reads the form as it stands when the registration comes: a question added just before is asked', async () => {
      const { eventId, sessionId } = await publishedEvent('Incontro con domande', 5);
      await api('POST', `/api/outreach/events/${eventId}/questions`, {
        label: 'Da quale comune arriva?',
        kind: 'TEXT',
        required: true,
      });
      const [unanswered, answered] = await Promise.all([
        post(eventId, { sessionId, name: 'Senza risposta', email: 'senza@example.org' }, '198.51.100.20'),
        post(eventId, { sessionId, name: 'Senza risposta', email: 'senza@example.org' }, '198.51.100.21'),
      ]);
      expect(unanswered.statusCode).toBe(400);
      expect(answered.statusCode).toBe(400);
      expect(await registrationsOf(sessionId)).toEqual([]);
    });

    it('still counts the requests of each address: the twenty-first in a minute is refused, another address is not', async () => {
      const { eventId, sessionId } = await publishedEvent('Incontro per famiglie', 100);
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          post(
            eventId,
            { sessionId, name: `Famiglia ${i}`, email: `famiglia${i}@example.org` },
            '203.0.113.50',
          ),
        ),
      );
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status === 303)).toHaveLength(20);
      expect(statuses.filter((status) => status === 429)).toHaveLength(4);
      const other = await post(
        eventId,
        { sessionId, name: 'Vicina', email: 'vicina@example.org' },
        '203.0.113.51',
      );
      expect(other.statusCode).toBe(303);
      expect(await registrationsOf(sessionId)).toHaveLength(21);
    });

    it('counts requests arriving together one by one, each its own place in its own window', async () => {
      const counts = await Promise.all([
        ...Array.from({ length: 5 }, () => countRequest(database.db, 'POST /prova', '192.0.2.200', 60_000)),
        countRequest(database.db, 'POST /prova', '192.0.2.201', 60_000),
        countRequest(database.db, 'POST /altra', '192.0.2.200', 60_000),
      ]);
      expect(counts.map((count) => count.current)).toEqual([1, 2, 3, 4, 5, 1, 1]);
      expect(counts.every((count) => count.ttl > 0 && count.ttl <= 60_000)).toBe(true);
      const next = await countRequest(database.db, 'POST /prova', '192.0.2.200', 60_000);
      expect(next.current).toBe(6);
      const stored = await database.db
        .selectFrom('requestCount')
        .select(['route', 'key', 'hits'])
        .where('key', 'in', ['192.0.2.200', '192.0.2.201'])
        .orderBy('route')
        .orderBy('key')
        .execute();
      expect(stored).toEqual([
        { route: 'POST /altra', key: '192.0.2.200', hits: 1 },
        { route: 'POST /prova', key: '192.0.2.200', hits: 6 },
        { route: 'POST /prova', key: '192.0.2.201', hits: 1 },
      ]);
    });
  });
}
