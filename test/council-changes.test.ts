import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { setUpCouncilTable, signInCouncilMember } from './support/council.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import type { Session } from './support/identity.ts';
import { type ReceivedMail, startSmtpServer } from './support/smtp.ts';

const MEMBER_EMAIL = 'anna@enti.example';

/** Waits for the `count`-th mail to the member, oldest first. */
async function nthMail(inbox: ReceivedMail[], count: number): Promise<ReceivedMail> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const mails = inbox.filter((mail) => mail.to.includes(MEMBER_EMAIL));
    const mail = mails[count - 1];
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail number ${count} to ${MEMBER_EMAIL}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The calendar entry attached to a mail, unfolded (RFC 5545 folds long lines). */
const icsOf = (mail: ReceivedMail) => (mail.attachments[0]?.content ?? '').replace(/\r?\n[ \t]/g, '');

for (const backend of BACKENDS) {
  describe(`moving and cancelling a council meeting on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let secretariat: Session;
    let member: Session;
    let tableId: string;

    const post = (session: Session, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    const convene = async (title: string) => {
      const convened = await post(secretariat, `/api/council/tables/${tableId}/meetings`, {
        title,
        startsAt: '2026-03-20T10:00:00+01:00',
        place: 'Prefettura di Lodi',
        agenda: [{ title: 'Stato dei lavori', durationMinutes: 60 }],
      });
      expect(convened.statusCode).toBe(201);
      return convened.json().id as string;
    };
    const auditOf = (meetingId: string) =>
      database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', meetingId)
        .where('kind', '=', 'change')
        .orderBy('seq')
        .execute();

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const council = await setUpCouncilTable(t, { name: 'Tavolo salute', theme: 'HEALTH' }, [
        {
          organisation: 'Comune di Lodi',
          type: 'MUNICIPALITY',
          representativeName: 'Anna Bianchi',
          representativeEmail: MEMBER_EMAIL,
        },
      ]);
      ({ secretariat, tableId } = council);
      member = (await signInCouncilMember(t, council.organisationIds[0] ?? '')).session;
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('moves a meeting with a reason, and sends the updated calendar entry with the same UID', async () => {
      smtp.inbox.length = 0;
      const meetingId = await convene('Seduta di marzo');
      const first = icsOf(await nthMail(smtp.inbox, 1));
      expect(first).toContain(`UID:${meetingId}`);
      expect(first).toContain('SEQUENCE:0');
      await post(member, `/api/council/meetings/${meetingId}/answer`, { answer: 'PRESENT' });

      const noReason = await post(secretariat, `/api/council/meetings/${meetingId}/reschedule`, {
        startsAt: '2026-03-27T15:00:00+01:00',
        place: 'Comune di Lodi, sala giunta',
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.headers['content-type']).toContain('application/problem+json');
      expect(noReason.json().errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);
      const byMember = await post(member, `/api/council/meetings/${meetingId}/reschedule`, {
        startsAt: '2026-03-27T15:00:00+01:00',
        place: 'Altrove',
        reason: 'Preferenza',
      });
      expect(byMember.statusCode).toBe(403);

      const moved = await post(secretariat, `/api/council/meetings/${meetingId}/reschedule`, {
        startsAt: '2026-03-27T15:00:00+01:00',
        place: 'Comune di Lodi, sala giunta',
        reason: 'Sovrapposizione con la seduta plenaria',
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({
        startsAt: '2026-03-27T14:00:00.000Z',
        place: 'Comune di Lodi, sala giunta',
        status: 'CONVENED',
      });
      expect(moved.json().attendance[0].answer).toBeNull();

      const mail = await nthMail(smtp.inbox, 2);
      expect(mail.subject).toContain('Nuova data della seduta – Tavolo salute');
      expect(mail.text).toContain('Motivo: Sovrapposizione con la seduta plenaria');
      const ics = icsOf(mail);
      expect(mail.attachments[0]?.contentType).toBe('text/calendar');
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:${meetingId}`);
      expect(ics).toContain('SEQUENCE:1');
      expect(ics).toContain('DTSTART:20260327T140000Z');
      expect(ics).toContain('LOCATION:Comune di Lodi\\, sala giunta');
      expect((await auditOf(meetingId)).map((row) => row.action)).toEqual([
        'council.meeting.convene',
        'council.meeting.invitations_sent',
        'council.meeting.answer',
        'council.meeting.reschedule',
        'council.meeting.reschedule_sent',
      ]);
    });

    it('cancels a meeting with a reason, sends the cancellation, and then refuses every step on it', async () => {
      smtp.inbox.length = 0;
      const meetingId = await convene('Seduta straordinaria');
      await nthMail(smtp.inbox, 1);
      const noReason = await post(secretariat, `/api/council/meetings/${meetingId}/cancel`, { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);

      const cancelled = await post(secretariat, `/api/council/meetings/${meetingId}/cancel`, {
        reason: 'Assenza del numero legale',
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({
        status: 'CANCELLED',
        cancelReason: 'Assenza del numero legale',
      });

      const mail = await nthMail(smtp.inbox, 2);
      expect(mail.subject).toContain('Seduta annullata – Tavolo salute');
      expect(mail.text).toContain('Motivo: Assenza del numero legale');
      const ics = icsOf(mail);
      expect(ics).toContain('METHOD:CANCEL');
      expect(ics).toContain('STATUS:CANCELLED');
      expect(ics).toContain(`UID:${meetingId}`);
      expect(ics).toContain('SEQUENCE:1');

      const refusals = [
        await post(member, `/api/council/meetings/${meetingId}/answer`, { answer: 'PRESENT' }),
        await post(secretariat, `/api/council/meetings/${meetingId}/register`, {
          entries: [{ organisationId: cancelled.json().attendance[0].organisationId, attended: false }],
        }),
        await post(secretariat, `/api/council/meetings/${meetingId}/minutes`, { text: 'Verbale' }),
        await post(secretariat, `/api/council/meetings/${meetingId}/reschedule`, {
          startsAt: '2026-04-01T10:00:00+02:00',
          place: 'Prefettura',
          reason: 'Nuova data',
        }),
        await post(secretariat, `/api/council/meetings/${meetingId}/cancel`, { reason: 'Ancora' }),
      ];
      expect(refusals.map((refusal) => refusal.statusCode)).toEqual([409, 409, 409, 409, 409]);
      expect(refusals.map((refusal) => refusal.json().detail)).toEqual([
        'La seduta è stata annullata: non si accettano risposte alla convocazione.',
        'La seduta è stata annullata: non ha registro delle presenze.',
        'La seduta è stata annullata: non ha verbale.',
        'La seduta è già stata annullata.',
        'La seduta è già stata annullata.',
      ]);
      expect((await auditOf(meetingId)).map((row) => row.action)).toEqual([
        'council.meeting.convene',
        'council.meeting.invitations_sent',
        'council.meeting.cancel',
        'council.meeting.cancellation_sent',
      ]);
    });
  });
}
