import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, TEST_NOW, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { form, mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';
import { type ReceivedMail, startSmtpServer } from './support/smtp.ts';

const LINK = /http:\/\/localhost:\d+(\/portale\/[a-z]{2}\/appuntamento\?t=[A-Za-z0-9._-]+)/;

for (const backend of BACKENDS) {
  describe(`appointments through the signed link on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let office: PortalOffice;
    let cases = 100;

    const get = (url: string) => t.app.inject({ url });
    const post = (url: string, values: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, ...form(values) });
    const api = (url: string) => t.app.inject({ url, headers: office.manager.headers });
    const timelineOf = async (caseId: string) =>
      (await api(`/api/cases/${caseId}`)).json().timeline.map((e: { kind: string }) => e.kind) as string[];
    const appointmentsOf = async (caseId: string) =>
      (await api(`/api/cases/${caseId}/appointments`)).json() as {
        id: string;
        status: string;
        startsAt: string;
        confirmedAt: string | null;
      }[];

    /** Books an appointment by the office's API and returns the link of the letter it sent. */
    async function convoke(startsAt: string, language?: string) {
      const kase = await office.newCase(cases++);
      const booked = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/appointments`,
        headers: office.manager.headers,
        payload: {
          deskId: office.deskId,
          startsAt,
          purpose: 'CONTRACT_SIGNATURE',
          documentsToBring: ['Passaporto'],
          ...(language ? { language } : {}),
        },
      });
      expect(booked.statusCode).toBe(201);
      const letters = () => smtp.inbox.filter((mail: ReceivedMail) => mail.subject.includes(kase.number));
      await expect.poll(() => letters().length).toBe(1);
      const link = LINK.exec(letters()[0]?.text ?? '')?.[1];
      expect(link).toBeDefined();
      return { kase, link: link as string, letters };
    }
    const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('t') as string;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      office = await openPortalOffice(t);
    });

    afterEach(() => t.clock.set(TEST_NOW));

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('shows the appointment behind the link, with the free slots it may move to', async () => {
      const { link } = await convoke('2026-03-05T09:00:00+01:00');
      expect(link).toMatch(/^\/portale\/it\/appuntamento\?t=/);
      const page = await get(link.replace('/it/', '/uk/'));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<html lang="uk" dir="ltr">');
      expect(mainText(page.body)).toContain('четвер, 5 березня 2026');
      expect(page.body).toContain('Підписання контракту на перебування');
      // slots from 24 hours ahead: Tuesday 3 March 09:30 is the first one
      expect(page.body).toContain('value="2026-03-03T08:30:00.000Z"');
      expect(page.body).not.toContain('value="2026-03-03T08:00:00.000Z"');
    });

    it('offers every free slot of the next 30 days, day by day, as radio buttons under a heading', async () => {
      const { kase, link } = await convoke('2026-03-05T11:30:00+01:00');
      const page = await get(link);
      expect(page.statusCode).toBe(200);
      const offered = [
        ...page.body.matchAll(/type="radio" required="" name="startsAt" value="([^"]+)"/g),
      ].map((match) => match[1]);
      // what the desk's grid has free from 24 hours ahead to 1 April, today + 30 days
      const free = (await api(`/api/desks/${office.deskId}/slots?from=2026-03-03&to=2026-04-01`)).json()
        .slots as { startsAt: string }[];
      const movable = free
        .map((slot) => new Date(slot.startsAt).toISOString())
        .filter((startsAt) => startsAt > '2026-03-03T08:00:00.000Z');
      expect(movable.length).toBeGreaterThan(100);
      expect(offered).toEqual(movable);
      // the last slot, 11:30 on 1 April, is 09:30 UTC: summer time began on 29 March
      expect(offered.at(-1)).toBe('2026-04-01T09:30:00.000Z');
      const days = [...page.body.matchAll(/<legend><h3>([^<]+)<\/h3><\/legend>/g)].map((match) => match[1]);
      // Monday to Friday from Tuesday 3 March to Wednesday 1 April
      expect(days.length).toBe(22);
      expect(days[0]).toBe('martedì 3 marzo');
      expect(days.at(-1)).toBe('mercoledì 1 aprile');
      expect(mainText(page.body)).toContain(
        'Ecco tutti gli orari liberi fino al 1 aprile 2026, giorno per giorno.',
      );
      const moved = await post(link.replace('appuntamento?', 'appuntamento/sposta?'), {
        startsAt: offered.at(-1) as string,
      });
      expect(moved.statusCode).toBe(303);
      const [appointment] = await appointmentsOf(kase.id);
      const reads = await t.platform.database.db
        .selectFrom('auditEntry')
        .selectAll()
        .where('action', '=', 'appointment.read')
        .where('entityId', '=', appointment?.id as string)
        .execute();
      expect(reads.map((read) => read.actorLabel)).toEqual(['anonimo']);
      expect(JSON.stringify(reads[0]?.data)).toContain('"channel":"portal"');
    });

    it('refuses a tampered or made-up link with 404 and changes nothing', async () => {
      const { kase, link } = await convoke('2026-03-05T09:30:00+01:00');
      const token = tokenOf(link);
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      const other = token.replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0'));
      for (const bad of [tampered, other, 'nonsense', ''])
        for (const request of [
          get(`/portale/ar/appuntamento?t=${encodeURIComponent(bad)}`),
          post(`/portale/ar/appuntamento/conferma?t=${encodeURIComponent(bad)}`),
          post(`/portale/ar/appuntamento/sposta?t=${encodeURIComponent(bad)}`, {
            startsAt: '2026-03-06T08:00:00.000Z',
          }),
          get(`/portale/ar/appuntamento/calendario.ics?t=${encodeURIComponent(bad)}`),
        ]) {
          const response = await request;
          expect(response.statusCode).toBe(404);
          expect(response.body).toContain('<html lang="ar" dir="rtl">');
          expect(response.body).toContain('هذا الرابط غير صالح');
        }
      expect((await appointmentsOf(kase.id)).map((a) => [a.status, a.confirmedAt])).toEqual([
        ['SCHEDULED', null],
      ]);
    });

    it('confirms the appointment, and the office sees it on the case at once', async () => {
      const { kase, link } = await convoke('2026-03-05T10:00:00+01:00');
      const confirmed = await post(link.replace('appuntamento?', 'appuntamento/conferma?'));
      expect(confirmed.statusCode).toBe(303);
      expect(confirmed.headers.location).toContain('esito=confermato');
      const page = await get(confirmed.headers.location as string);
      expect(page.body).toContain('Ha confermato questo appuntamento.');
      expect(page.body).not.toContain('Confermo che vengo');
      const [appointment] = await appointmentsOf(kase.id);
      expect(appointment?.confirmedAt).toBe(new Date(TEST_NOW).toISOString());
      expect(await timelineOf(kase.id)).toContain('APPOINTMENT_CONFIRMED');
      const ics = await get(link.replace('appuntamento?', 'appuntamento/calendario.ics?'));
      expect(ics.statusCode).toBe(200);
      expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(ics.body).toContain('DTSTART;TZID=Europe/Rome:20260305T100000');
    });

    it('moves the appointment to a free slot: the old link is spent, a new letter carries a new link', async () => {
      const { kase, link, letters } = await convoke('2026-03-05T10:30:00+01:00');
      const moved = await post(link.replace('appuntamento?', 'appuntamento/sposta?'), {
        startsAt: '2026-03-06T08:00:00.000Z',
      });
      expect(moved.statusCode).toBe(303);
      expect(moved.headers.location).toContain('esito=spostato');
      const page = await get(moved.headers.location as string);
      expect(page.statusCode).toBe(200);
      expect(mainText(page.body)).toContain('venerdì 6 marzo 2026');
      expect(mainText(page.body)).toContain('L’appuntamento è stato spostato.');
      const appointments = await appointmentsOf(kase.id);
      expect(appointments.map((a) => [a.status, a.startsAt])).toEqual([
        ['RESCHEDULED', '2026-03-05T10:30:00+01:00'],
        ['SCHEDULED', '2026-03-06T09:00:00+01:00'],
      ]);
      expect(await timelineOf(kase.id)).toContain('APPOINTMENT_RESCHEDULED');
      const spent = await get(link);
      expect(spent.statusCode).toBe(410);
      expect(mainText(spent.body)).toContain('Questo link non vale più');
      await expect.poll(() => letters().length).toBe(2);
      const newLink = LINK.exec(letters()[1]?.text ?? '')?.[1] as string;
      expect(tokenOf(newLink)).not.toBe(tokenOf(link));
      expect((await get(newLink)).statusCode).toBe(200);
    });

    it('refuses a taken slot, one out of the rules, or no slot, and keeps the appointment', async () => {
      const { kase, link } = await convoke('2026-03-05T11:00:00+01:00');
      await convoke('2026-03-09T09:00:00+01:00');
      const move = (values: Record<string, string>) =>
        post(link.replace('appuntamento?', 'appuntamento/sposta?'), values);
      const taken = await move({ startsAt: '2026-03-09T08:00:00.000Z' });
      expect(taken.statusCode).toBe(409);
      expect(mainText(taken.body)).toContain('L’orario scelto non è più disponibile.');
      for (const startsAt of [
        '2026-03-02T09:30:00.000Z',
        '2026-04-20T08:00:00.000Z',
        '2026-03-07T08:00:00.000Z',
        '2026-03-06T08:10:00.000Z',
      ])
        expect((await move({ startsAt })).statusCode, startsAt).toBe(409);
      expect((await move({})).statusCode).toBe(400);
      expect((await move({ startsAt: 'domani' })).statusCode).toBe(400);
      expect((await appointmentsOf(kase.id)).map((a) => a.status)).toEqual(['SCHEDULED']);
    });

    it('stops changes online in the last 24 hours, and spends the link once the appointment has started', async () => {
      const { kase, link } = await convoke('2026-03-04T09:00:00+01:00');
      t.clock.set('2026-03-03T10:00:00+01:00');
      const late = await get(link.replace('/it/', '/en/'));
      expect(late.statusCode).toBe(200);
      expect(mainText(late.body)).toContain('Less than 24 hours are left');
      expect(late.body).not.toContain('name="startsAt"');
      const refused = await post(link.replace('appuntamento?', 'appuntamento/sposta?'), {
        startsAt: '2026-03-05T08:00:00.000Z',
      });
      expect(refused.statusCode).toBe(409);
      t.clock.set('2026-03-04T09:00:00+01:00');
      const expired = await get(link.replace('/it/', '/en/'));
      expect(expired.statusCode).toBe(410);
      expect(mainText(expired.body)).toContain('This link is no longer valid');
      t.clock.set(TEST_NOW);
      expect((await appointmentsOf(kase.id)).map((a) => a.status)).toEqual(['SCHEDULED']);
    });
  });
}
