import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AuditContext, REDACTED_VALUE, writeAudit } from '../src/kernel/audit.ts';
import { newId } from '../src/kernel/ids.ts';
import type { PersonalDataProvider, RetentionCategory } from '../src/kernel/personal-data.ts';
import { personalDataProviders } from '../src/kernel/personal-data.ts';
import { scheduleErrors } from '../src/modules/privacy/retention/rules.ts';
import '../src/modules/index.ts';
import { councilPersonalData } from '../src/modules/council/privacy/provider.ts';
import { identityPersonalData } from '../src/modules/identity/privacy/provider.ts';
import { outreachPersonalData } from '../src/modules/outreach/privacy/provider.ts';
import { eventIndicators } from '../src/modules/outreach/service.ts';
import { surveysPersonalData } from '../src/modules/surveys/privacy/provider.ts';
import { trainingPersonalData } from '../src/modules/training/privacy/provider.ts';
import { trainingIndicators } from '../src/modules/training/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, signIn } from './support/identity.ts';

/** Records older than this are due in these tests; the later ones are not. */
const CUTOFF = new Date('2025-01-01T00:00:00Z');
const LONG_AGO = new Date('2014-05-10T09:00:00Z');
const LATER = new Date('2030-05-10T09:00:00Z');

const SYSTEM_CONTEXT: AuditContext = {
  at: new Date('2014-06-01T10:00:00Z'),
  actorUserId: null,
  actorLabel: 'sistema',
  organisationId: null,
  requestId: null,
  clientAddress: null,
};

const categoryOf = (provider: PersonalDataProvider, key: string): RetentionCategory => {
  const category = provider.categories.find((known) => known.key === key);
  if (!category) throw new Error(`no category ${key}`);
  return category;
};

describe('the default retention of every kind of record', () => {
  it('is one an administrator may save again unchanged', () => {
    const categories = personalDataProviders().flatMap((provider) => provider.categories);
    expect(categories.length).toBeGreaterThan(20);
    for (const category of categories)
      expect(
        scheduleErrors(
          { months: category.defaultMonths, legalBasis: category.legalBasis },
          category.minMonths,
        ),
        category.key,
      ).toEqual([]);
  });
});

for (const backend of BACKENDS) {
  describe(`the modules' personal data on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let organisationId: string;
    let scope: { organisationId: string };

    /** Disposes as the retention job does: inside a transaction of its own. */
    const dispose = (category: RetentionCategory, limit = 100) =>
      database.db.transaction().execute((trx) => category.dispose(trx, CUTOFF, limit));
    const due = (category: RetentionCategory) => category.countDue(database.db, CUTOFF);
    const person = async (role: Parameters<typeof makeUser>[1][number]['role'] = 'trainee') =>
      makeUser(t.platform, [{ organisationId, role }]);

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      organisationId = (await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' }))
        .id;
      scope = { organisationId };
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('registers one provider per module, each category with its register line', () => {
      const modules = personalDataProviders().map((provider) => provider.module);
      for (const module of ['identity', 'council', 'training', 'surveys', 'outreach'])
        expect(modules).toContain(module);
      for (const provider of [
        identityPersonalData,
        councilPersonalData,
        trainingPersonalData,
        surveysPersonalData,
        outreachPersonalData,
      ]) {
        const listed = provider.activities.flatMap((activity) => activity.retention);
        expect(new Set(listed)).toEqual(new Set(provider.categories.map((category) => category.key)));
      }
    });

    it('empties deactivated accounts long unused, never the last administrator, and deletes ended sessions', async () => {
      const gone = await person();
      const active = await person();
      const lastAdmin = await person('admin');
      for (const id of [gone.id, active.id, lastAdmin.id])
        await database.db
          .updateTable('appUser')
          .set({ createdAt: LONG_AGO, passwordChangedAt: LONG_AGO })
          .where('id', '=', id)
          .execute();
      await database.db
        .updateTable('appUser')
        .set({ isActive: false, deactivatedAt: LONG_AGO })
        .where('id', 'in', [gone.id, lastAdmin.id])
        .execute();
      // no administrator is active but the one switched off: it stays, to be switched back on
      await database.db
        .updateTable('appUser')
        .set({ isActive: false, deactivatedAt: LONG_AGO })
        .where('id', 'in', database.db.selectFrom('membership').select('userId').where('role', '=', 'admin'))
        .execute();
      const accounts = categoryOf(identityPersonalData, 'identity.accounts-deactivated');
      const before = await due(accounts);
      const found = await identityPersonalData.findSubject(
        database.db,
        { email: gone.email.toUpperCase() },
        scope,
      );
      expect(found).toEqual([
        expect.objectContaining({
          section: 'Account utente',
          entity: { type: 'identity.user', id: gone.id },
          data: expect.objectContaining({ email: gone.email, familyName: 'Rossi' }),
        }),
      ]);

      expect(before).toBe(1);
      expect(await dispose(accounts)).toBe(1);
      expect(await due(accounts)).toBe(0);
      const rows = await database.db
        .selectFrom('appUser')
        .select(['id', 'email', 'familyName', 'passwordHash'])
        .where('id', 'in', [gone.id, active.id, lastAdmin.id])
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(gone.id)).toMatchObject({ familyName: 'cessato', passwordHash: null });
      expect(byId.get(gone.id)?.email).not.toContain(gone.email);
      expect(byId.get(active.id)?.email).toBe(active.email);
      expect(byId.get(lastAdmin.id)?.email).toBe(lastAdmin.email);
      expect(await identityPersonalData.findSubject(database.db, { email: gone.email }, scope)).toEqual([]);
      // the account's creation in the trail named the person: it no longer does; the active account's still does
      const trailOf = async (id: string) =>
        JSON.stringify(
          await database.db
            .selectFrom('auditEntry')
            .select('data')
            .where('kind', '=', 'change')
            .where('entityType', '=', 'identity.user')
            .where('entityId', '=', id)
            .execute(),
        );
      expect(await trailOf(gone.id)).not.toContain(gone.email);
      expect(await trailOf(gone.id)).toContain(REDACTED_VALUE);
      expect(await trailOf(active.id)).toContain(active.email);

      // with another administrator at work, the old one's account goes too
      await person('admin');
      expect(await due(accounts)).toBe(1);
      expect(await dispose(accounts)).toBe(1);

      const sessions = categoryOf(identityPersonalData, 'identity.sessions');
      const session = (expiresAt: Date) => ({
        id: randomBytes(32).toString('hex'),
        userId: active.id,
        organisationId,
        csrfToken: 'x',
        createdAt: LONG_AGO,
        lastSeenAt: LONG_AGO,
        expiresAt,
        clientAddress: '192.0.2.7',
        userAgent: 'Firefox',
        authMethod: 'password',
      });
      const ended = session(LONG_AGO);
      const live = session(LATER);
      await database.db.insertInto('session').values([ended, live]).execute();
      expect(await due(sessions)).toBe(1);
      expect(await dispose(sessions)).toBe(1);
      const left = await database.db
        .selectFrom('session')
        .select('id')
        .where('userId', '=', active.id)
        .execute();
      expect(left.map((row) => row.id)).toEqual([live.id]);
    });

    it('empties council invitations and ended seats, keeping who took part', async () => {
      const member = await person('council_member');
      const tableId = newId();
      await database.db
        .insertInto('councilTable')
        .values({
          id: tableId,
          kind: 'THEMATIC',
          name: 'Tavolo lavoro',
          theme: 'WORK',
          mandate: 'Analizzare i bisogni.',
          startsOn: '2014-01-01',
          coordinatorOrganisationId: organisationId,
          createdAt: LONG_AGO,
        })
        .execute();
      const seat = (toOn: string | null, email: string) => ({
        id: newId(),
        tableId,
        organisationId,
        representativeName: 'Giulia Bianchi',
        representativeEmail: email,
        deputyName: 'Paolo Verdi',
        deputyEmail: 'paolo.verdi@comune.example',
        fromOn: '2014-01-01',
        toOn,
      });
      const ended = seat('2014-12-31', 'giulia.bianchi@comune.example');
      const current = seat(null, 'giulia.b@comune.example');
      await database.db.insertInto('councilMembership').values([ended, current]).execute();
      const meeting = (startsAt: Date) => ({
        id: newId(),
        tableId,
        title: 'Riunione del tavolo',
        startsAt,
        place: 'Prefettura di Lodi',
        status: 'HELD' as const,
        minutesStatus: 'NONE' as const,
        convenedAt: startsAt,
        convenedBy: member.id,
      });
      const old = meeting(LONG_AGO);
      const recent = meeting(LATER);
      await database.db.insertInto('councilMeeting').values([old, recent]).execute();
      await database.db
        .insertInto('councilAttendance')
        .values(
          [old, recent].map((row) => ({
            meetingId: row.id,
            organisationId,
            invitedEmail: 'giulia.bianchi@comune.example',
            answer: 'DELEGATE' as const,
            delegateName: 'Paolo Verdi',
            attended: true,
            attendeeName: 'Paolo Verdi',
          })),
        )
        .execute();

      const action = (status: 'DONE' | 'OPEN', doneOn: string | null) => ({
        id: newId(),
        tableId,
        meetingId: old.id,
        title: 'Mappare gli sportelli',
        ownerOrganisationId: organisationId,
        ownerName: 'Giulia Bianchi',
        ownerEmail: 'giulia.bianchi@comune.example',
        dueOn: '2014-06-30',
        status,
        doneOn,
        createdAt: LONG_AGO,
      });
      // the trail as the council's use cases write it: each seat's appointment, each meeting's answer and register
      const change = (action: string, entityType: string, entityId: string, after: Record<string, unknown>) =>
        writeAudit(database.db, SYSTEM_CONTEXT, {
          kind: 'change',
          action,
          entityType,
          entityId,
          before: null,
          after,
        });
      for (const row of [ended, current])
        await change('council.member.appoint', 'council_table', tableId, row);
      for (const row of [old, recent]) {
        await change('council.meeting.answer', 'council_meeting', row.id, {
          organisationId,
          answer: 'DELEGATE',
          delegateName: 'Paolo Verdi',
        });
        await change('council.meeting.register', 'council_meeting', row.id, {
          status: 'HELD',
          entries: [{ organisationId, attended: true, attendeeName: 'Paolo Verdi' }],
        });
      }

      const done = action('DONE', '2014-06-20');
      const open = action('OPEN', null);
      await database.db.insertInto('councilActionItem').values([done, open]).execute();
      for (const item of [done, open])
        await writeAudit(database.db, SYSTEM_CONTEXT, {
          kind: 'change',
          action: 'council.action.remind',
          entityType: 'council_action_item',
          entityId: item.id,
          before: { remindedAt: null },
          after: { remindedAt: LONG_AGO.toISOString(), to: item.ownerEmail },
        });

      const found = await councilPersonalData.findSubject(
        database.db,
        {
          email: 'Giulia.Bianchi@comune.example',
        },
        scope,
      );
      expect(found.map((record) => record.entity)).toEqual([
        { type: 'council_table', id: tableId },
        { type: 'council_meeting', id: old.id },
        { type: 'council_meeting', id: recent.id },
        { type: 'council_action_item', id: done.id },
        { type: 'council_action_item', id: open.id },
      ]);
      expect(found.every((record) => record.section === 'Consiglio territoriale')).toBe(true);
      const byName = await councilPersonalData.findSubject(
        database.db,
        {
          person: { surname: 'VERDI', givenName: 'paolo', birthDate: '1970-01-01' },
        },
        scope,
      );
      // the council keeps no birth date: a name alone would find every namesake
      expect(byName).toEqual([]);

      const seats = categoryOf(councilPersonalData, 'council.seats-ended');
      const invitations = categoryOf(councilPersonalData, 'council.meeting-invitations');
      expect(await due(seats)).toBe(1);
      expect(await due(invitations)).toBe(1);
      expect(await dispose(seats)).toBe(1);
      expect(await dispose(invitations)).toBe(1);
      expect(await due(seats)).toBe(0);
      expect(await due(invitations)).toBe(0);
      const owners = categoryOf(councilPersonalData, 'council.action-owners');
      expect(await due(owners)).toBe(1);
      expect(await dispose(owners)).toBe(1);
      expect(await due(owners)).toBe(0);
      const actions = await database.db
        .selectFrom('councilActionItem')
        .selectAll()
        .where('tableId', '=', tableId)
        .execute();
      expect(actions.find((row) => row.id === done.id)).toMatchObject({
        ownerOrganisationId: organisationId,
        status: 'DONE',
        doneOn: '2014-06-20',
        ownerName: 'Referente non più conservato',
      });
      expect(actions.find((row) => row.id === open.id)?.ownerEmail).toBe('giulia.bianchi@comune.example');
      // the trail of the disposed action no longer names the referent; the open one's still does
      const reminders = await database.db
        .selectFrom('auditEntry')
        .select(['entityId', 'data'])
        .where('entityType', '=', 'council_action_item')
        .where('entityId', 'in', [done.id, open.id])
        .execute();
      expect(reminders.find((row) => row.entityId === done.id)?.data).toEqual({
        before: { remindedAt: null },
        after: { remindedAt: REDACTED_VALUE, to: REDACTED_VALUE },
      });
      expect(JSON.stringify(reminders.find((row) => row.entityId === open.id)?.data)).toContain(
        'giulia.bianchi@comune.example',
      );

      const seatRows = await database.db
        .selectFrom('councilMembership')
        .selectAll()
        .where('tableId', '=', tableId)
        .execute();
      const endedRow = seatRows.find((row) => row.id === ended.id);
      expect(endedRow).toMatchObject({
        organisationId,
        toOn: '2014-12-31',
        deputyName: null,
        deputyEmail: null,
      });
      expect(endedRow?.representativeEmail).not.toContain('giulia');
      expect(seatRows.find((row) => row.id === current.id)?.representativeName).toBe('Giulia Bianchi');
      const attendance = await database.db
        .selectFrom('councilAttendance')
        .selectAll()
        .orderBy('invitedEmail')
        .where('meetingId', 'in', [old.id, recent.id])
        .execute();
      const oldRow = attendance.find((row) => row.meetingId === old.id);
      expect(oldRow).toMatchObject({
        organisationId,
        answer: 'DELEGATE',
        attended: true,
        attendeeName: null,
      });
      expect(`${oldRow?.invitedEmail} ${oldRow?.delegateName}`).not.toMatch(/giulia|Paolo/);
      expect(attendance.find((row) => row.meetingId === recent.id)?.attendeeName).toBe('Paolo Verdi');

      // the entries about the ended seat and the past meeting no longer name anyone; the others still do
      const trail = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'entityId', 'data'])
        .where('entityId', 'in', [tableId, old.id, recent.id])
        .where('action', 'in', [
          'council.member.appoint',
          'council.meeting.answer',
          'council.meeting.register',
        ])
        .orderBy('seq')
        .execute();
      const naming = trail
        .filter((entry) => /Giulia|Paolo/.test(JSON.stringify(entry.data)))
        .map((entry) => [entry.action, entry.entityId]);
      expect(naming).toEqual([
        ['council.member.appoint', tableId],
        ['council.meeting.answer', recent.id],
        ['council.meeting.register', recent.id],
      ]);
      const appointments = trail.filter((entry) => entry.action === 'council.member.appoint');
      expect(appointments.map((entry) => (entry.data as { after: { id: string } }).after.id)).toEqual([
        REDACTED_VALUE,
        current.id,
      ]);
    });

    it('deletes enrolments never used and takes the name off old certificates, keeping the figures', async () => {
      const trainer = await person('trainer');
      const anna = await person();
      const bruno = await person();
      const courseId = newId();
      await database.db
        .insertInto('trainingCourse')
        .values({
          id: courseId,
          title: 'Il permesso di soggiorno per lavoro',
          track: 'PUBLIC',
          objectives: 'Conoscere le procedure.',
          topics: JSON.stringify(['Nulla osta']),
          hours: 3,
          targetRoles: 'Operatori',
          completionPercent: 75,
          createdAt: LONG_AGO,
        })
        .execute();
      const edition = async (endsAt: Date) => {
        const id = newId();
        await database.db
          .insertInto('trainingEdition')
          .values({
            id,
            courseId,
            name: 'Edizione',
            capacity: 10,
            cancelUntil: '2014-05-01',
            createdAt: LONG_AGO,
          })
          .execute();
        const sessionId = newId();
        await database.db
          .insertInto('trainingSession')
          .values({
            id: sessionId,
            editionId: id,
            startsAt: new Date(endsAt.getTime() - 3 * 3_600_000),
            endsAt,
            place: 'Prefettura di Lodi, sala A',
            checkInSecret: 'segreto',
          })
          .execute();
        return { id, sessionId };
      };
      const old = await edition(LONG_AGO);
      const coming = await edition(LATER);
      const enrolment = (editionId: string, userId: string, status: 'ENROLLED' | 'CANCELLED') => ({
        id: newId(),
        editionId,
        userId,
        organisationId,
        status,
        enrolledBy: userId,
        requestedAt: LONG_AGO,
      });
      const taken = enrolment(old.id, anna.id, 'ENROLLED');
      const withdrawn = enrolment(old.id, bruno.id, 'CANCELLED');
      const withdrawnLater = enrolment(coming.id, bruno.id, 'CANCELLED');
      await database.db.insertInto('trainingEnrolment').values([taken, withdrawn, withdrawnLater]).execute();
      for (const { id } of [withdrawn, withdrawnLater])
        await writeAudit(database.db, SYSTEM_CONTEXT, {
          kind: 'change',
          action: 'training.enrolment.cancel',
          entityType: 'training_enrolment',
          entityId: id,
          before: { status: 'ENROLLED' },
          after: { status: 'CANCELLED', reason: 'Bruno Verdi è in ferie' },
        });
      await database.db
        .insertInto('trainingAttendance')
        .values({
          sessionId: old.sessionId,
          userId: anna.id,
          method: 'REGISTER',
          recordedBy: trainer.id,
          recordedAt: LONG_AGO,
        })
        .execute();
      const certificateId = newId();
      await database.db
        .insertInto('trainingCertificate')
        .values({
          id: certificateId,
          editionId: old.id,
          userId: anna.id,
          number: `F-2014-${randomBytes(3).toString('hex')}`,
          verificationCode: randomBytes(6).toString('hex'),
          holderName: 'Anna Rossi',
          organisationName: 'Comune di Lodi',
          courseTitle: 'Il permesso di soggiorno per lavoro',
          editionName: 'Edizione',
          minutesAttended: 180,
          minutesTotal: 180,
          firstDay: '2014-05-10',
          lastDay: '2014-05-10',
          signatoryName: 'Il Prefetto',
          signatoryRole: 'Prefetto',
          issuer: 'Prefettura di Lodi',
          issuedOn: '2014-05-12',
          issuedAt: LONG_AGO,
        })
        .execute();
      const figures = await trainingIndicators(t.platform);

      const found = await trainingPersonalData.findSubject(database.db, { email: anna.email }, scope);
      expect(found.map((record) => record.entity)).toEqual([
        { type: 'training_enrolment', id: taken.id },
        { type: 'training_session', id: old.sessionId },
        { type: 'training_certificate', id: certificateId },
      ]);
      expect(found.every((record) => record.section === 'Formazione')).toBe(true);
      // the certificate keeps no birth date: the name printed on it alone finds nothing
      const byName = await trainingPersonalData.findSubject(
        database.db,
        {
          person: { surname: 'rossi', givenName: 'ANNA', birthDate: '1980-01-01' },
        },
        scope,
      );
      expect(byName).toEqual([]);

      const unused = categoryOf(trainingPersonalData, 'training.enrolments-unused');
      const certificates = categoryOf(trainingPersonalData, 'training.certificates');
      expect(await due(unused)).toBe(1);
      expect(await due(certificates)).toBe(1);
      expect(await dispose(unused)).toBe(1);
      expect(await dispose(certificates)).toBe(1);
      expect(await due(unused)).toBe(0);
      expect(await due(certificates)).toBe(0);

      const left = await database.db
        .selectFrom('trainingEnrolment')
        .select('id')
        .where('id', 'in', [taken.id, withdrawn.id, withdrawnLater.id])
        .execute();
      expect(left.map((row) => row.id).sort()).toEqual([taken.id, withdrawnLater.id].sort());
      // the trail of the deleted enrolment no longer says why it was withdrawn; the kept one's still does
      const withdrawals = await database.db
        .selectFrom('auditEntry')
        .select(['entityId', 'data'])
        .where('entityType', '=', 'training_enrolment')
        .where('entityId', 'in', [withdrawn.id, withdrawnLater.id])
        .execute();
      expect(withdrawals.find((row) => row.entityId === withdrawn.id)?.data).toEqual({
        before: { status: REDACTED_VALUE },
        after: { status: REDACTED_VALUE, reason: REDACTED_VALUE },
      });
      expect(JSON.stringify(withdrawals.find((row) => row.entityId === withdrawnLater.id)?.data)).toContain(
        'Bruno Verdi',
      );
      const certificate = await database.db
        .selectFrom('trainingCertificate')
        .selectAll()
        .where('id', '=', certificateId)
        .executeTakeFirstOrThrow();
      expect(certificate.holderName).not.toContain('Anna');
      expect(certificate.courseTitle).toBe('Il permesso di soggiorno per lavoro');
      const after = await trainingIndicators(t.platform);
      expect(after.certificatesIssued).toBe(figures.certificatesIssued);
      expect(after.operatorsTrained).toEqual(figures.operatorsTrained);
      expect(after.completionRate).toBe(figures.completionRate);
    });

    it('deletes invitations and participations of closed questionnaires, keeping the anonymous answers', async () => {
      const carla = await person();
      const questionnaire = (status: 'OPEN' | 'CLOSED') => ({
        id: newId(),
        title: status === 'OPEN' ? 'Fabbisogni 2030' : 'Fabbisogni 2014',
        intro: 'Ci aiuti a capire.',
        status,
        questions: '[]',
        createdAt: LONG_AGO,
        ownerKind: 'TRAINING_NEEDS' as const,
        answeredBy: 'PERSON' as const,
        anonymous: true,
      });
      const closed = questionnaire('CLOSED');
      const open = questionnaire('OPEN');
      await database.db.insertInto('surveyQuestionnaire').values([closed, open]).execute();
      await database.db
        .insertInto('surveyInvitation')
        .values(
          [closed, open].map((row) => ({ questionnaireId: row.id, userId: carla.id, invitedAt: LONG_AGO })),
        )
        .execute();
      await database.db
        .insertInto('surveyParticipation')
        .values([closed, open].map((row) => ({ questionnaireId: row.id, userId: carla.id })))
        .execute();
      await database.db
        .insertInto('surveyAnonymousAnswer')
        .values({ id: newId(), questionnaireId: closed.id, answers: '{}', answeredOn: '2014-05-10' })
        .execute();

      const found = await surveysPersonalData.findSubject(database.db, { email: carla.email }, scope);
      expect(found).toHaveLength(4);
      expect(found[0]).toMatchObject({
        section: 'Questionari',
        entity: { type: 'survey_questionnaire', id: expect.any(String) },
      });

      const invitations = categoryOf(surveysPersonalData, 'surveys.invitations');
      const participations = categoryOf(surveysPersonalData, 'surveys.participations');
      expect(await due(invitations)).toBe(1);
      expect(await due(participations)).toBe(1);
      expect(await dispose(invitations)).toBe(1);
      expect(await dispose(participations)).toBe(1);
      expect(await due(invitations)).toBe(0);

      const remaining = await surveysPersonalData.findSubject(database.db, { email: carla.email }, scope);
      expect(remaining.map((record) => record.entity?.id)).toEqual([open.id, open.id]);
      const answers = await database.db
        .selectFrom('surveyAnonymousAnswer')
        .select('id')
        .where('questionnaireId', '=', closed.id)
        .execute();
      expect(answers).toHaveLength(1);
    });

    it('empties event registrations after the session in batches, keeping what the indicators count', async () => {
      const comms = await person('communications');
      const eventId = newId();
      await database.db
        .insertInto('outreachEvent')
        .values({
          id: eventId,
          kind: 'CONFERENCE',
          title: 'Conferenza finale',
          summary: 'I risultati del progetto.',
          description: 'In Prefettura.',
          offerHours: 48,
          publishedAt: LONG_AGO,
          createdBy: comms.id,
          createdAt: LONG_AGO,
        })
        .execute();
      const session = async (endsAt: Date) => {
        const id = newId();
        await database.db
          .insertInto('outreachSession')
          .values({
            id,
            eventId,
            label: 'Mattina',
            startsAt: new Date(endsAt.getTime() - 2 * 3_600_000),
            endsAt,
            venue: 'Prefettura',
            address: 'Corso Vittorio Emanuele II 11, Lodi',
            accessibility: 'Ingresso senza gradini.',
            capacity: 50,
            registrationUntil: endsAt,
            createdAt: LONG_AGO,
          })
          .execute();
        return id;
      };
      const held = await session(LONG_AGO);
      const coming = await session(LATER);
      const registration = (sessionId: string, name: string, email: string) => ({
        id: newId(),
        sessionId,
        ticketCode: randomBytes(8).toString('hex'),
        name,
        email,
        organisation: 'Cooperativa Il Ponte',
        organisationType: 'THIRD_SECTOR',
        language: 'ar',
        accessibilityNeeds: 'Sedia a rotelle',
        interpretationLanguage: 'ar',
        consentAt: LONG_AGO,
        status: 'CONFIRMED' as const,
        createdAt: LONG_AGO,
        answers: JSON.stringify({ q1: 'Vegetariano' }),
      });
      const amina = registration(held, 'Amina Haddad', 'amina.haddad@example.org');
      const omar = registration(held, 'Omar Said', 'omar.said@example.org');
      const later = registration(coming, 'Amina Haddad', 'amina.haddad@example.org');
      await database.db.insertInto('outreachRegistration').values([amina, omar, later]).execute();
      const listId = newId();
      await database.db
        .insertInto('outreachCheckInList')
        .values({ id: listId, eventId, name: 'Ingresso', createdAt: LONG_AGO })
        .execute();
      await database.db
        .insertInto('outreachCheckIn')
        .values({ listId, registrationId: amina.id, checkedInAt: LONG_AGO, checkedInBy: comms.id })
        .execute();
      const figures = await eventIndicators(t.platform);

      const found = await outreachPersonalData.findSubject(
        database.db,
        {
          email: 'AMINA.HADDAD@example.org',
        },
        scope,
      );
      expect(found.map((record) => record.entity)).toEqual([
        { type: 'outreach_registration', id: amina.id },
        { type: 'outreach_registration', id: later.id },
      ]);
      expect(found[0]).toMatchObject({
        section: 'Iscrizioni agli eventi',
        data: { checkedInAt: [LONG_AGO] },
      });
      const byName = await outreachPersonalData.findSubject(
        database.db,
        {
          person: { surname: 'Said', givenName: 'Omar', birthDate: '1990-01-01' },
        },
        scope,
      );
      expect(byName).toEqual([]);

      const registrations = categoryOf(outreachPersonalData, 'outreach.registrations');
      expect(await due(registrations)).toBe(2);
      expect(await dispose(registrations, 1)).toBe(1);
      expect(await due(registrations)).toBe(1);
      expect(await dispose(registrations, 1)).toBe(1);
      expect(await due(registrations)).toBe(0);

      const rows = await database.db
        .selectFrom('outreachRegistration')
        .selectAll()
        .where('id', 'in', [amina.id, omar.id, later.id])
        .execute();
      for (const row of rows.filter((each) => each.sessionId === held)) {
        expect(
          JSON.stringify([row.name, row.email, row.organisation, row.accessibilityNeeds, row.answers]),
        ).not.toMatch(/Amina|Omar|amina|omar|Ponte|rotelle|Vegetariano/);
        expect(row).toMatchObject({ organisationType: 'THIRD_SECTOR', language: 'ar', status: 'CONFIRMED' });
      }
      expect(rows.find((row) => row.id === later.id)?.email).toBe('amina.haddad@example.org');
      const after = await eventIndicators(t.platform);
      expect(after.byOrganisationType).toEqual(figures.byOrganisationType);
      expect(after.participants).toBe(figures.participants);
      expect(after.attendanceRate).toBe(figures.attendanceRate);
      const stillFound = await outreachPersonalData.findSubject(database.db, { email: amina.email }, scope);
      expect(stillFound.map((record) => record.entity?.id)).toEqual([later.id]);
    });

    it('erases press contacts that unsubscribed long ago as an erasure on request does', async () => {
      const comms = await person('communications');
      const contact = (email: string, unsubscribedAt: Date | null, updatedAt: Date) => ({
        id: newId(),
        outlet: 'Il Cittadino',
        name: 'Luca Neri',
        beat: 'Cronaca',
        email,
        phone: '0371 000000',
        language: 'it',
        legalBasis: 'CONSENT' as const,
        unsubscribedAt,
        createdBy: comms.id,
        createdAt: LONG_AGO,
        updatedAt,
      });
      const gone = contact('luca.neri@ilcittadino.example', LONG_AGO, LONG_AGO);
      const kept = contact('redazione@ilcittadino.example', null, LATER);
      await database.db.insertInto('outreachPressContact').values([gone, kept]).execute();
      const releaseId = newId();
      await database.db
        .insertInto('outreachPressRelease')
        .values({
          id: releaseId,
          title: 'Al via il progetto',
          summary: 'Sintesi',
          body: 'Testo',
          status: 'SENT',
          editedBy: comms.id,
          editedAt: LONG_AGO,
          sentBy: comms.id,
          sentAt: LONG_AGO,
          createdAt: LONG_AGO,
        })
        .execute();
      const mailId = newId();
      await database.db
        .insertInto('mailOutbox')
        .values({
          id: mailId,
          topic: 'outreach.press-release',
          entityId: releaseId,
          recipient: gone.email,
          subject: 'Al via il progetto',
          body: JSON.stringify({ text: 'Testo' }),
          status: 'SENT',
          attempts: 1,
          nextAttemptAt: LONG_AGO,
          createdAt: LONG_AGO,
          sentAt: LONG_AGO,
        })
        .execute();
      await database.db
        .insertInto('outreachPressSend')
        .values({ releaseId, contactId: gone.id, mailId })
        .execute();

      const found = await outreachPersonalData.findSubject(database.db, { email: gone.email }, scope);
      expect(found).toEqual([
        expect.objectContaining({
          section: 'Comunicati stampa',
          entity: { type: 'outreach_press_contact', id: gone.id },
          data: expect.objectContaining({
            releasesSent: [{ title: 'Al via il progetto', sentAt: LONG_AGO }],
          }),
        }),
      ]);

      const unsubscribed = categoryOf(outreachPersonalData, 'outreach.press-unsubscribed');
      const silent = categoryOf(outreachPersonalData, 'outreach.press-silent');
      expect(await due(unsubscribed)).toBe(1);
      expect(await due(silent)).toBe(0);
      expect(await dispose(unsubscribed)).toBe(1);
      expect(await due(unsubscribed)).toBe(0);

      const erased = await database.db
        .selectFrom('outreachPressContact')
        .selectAll()
        .where('id', '=', gone.id)
        .executeTakeFirstOrThrow();
      expect(erased).toMatchObject({
        name: 'Contatto cancellato',
        phone: null,
        beat: null,
        outlet: 'Il Cittadino',
      });
      expect(erased.email).not.toContain('luca');
      expect(erased.erasedAt).not.toBeNull();
      const mail = await database.db
        .selectFrom('mailOutbox')
        .selectAll()
        .where('id', '=', mailId)
        .executeTakeFirstOrThrow();
      expect(mail).toMatchObject({ body: null });
      expect(mail.recipient).not.toContain('luca');
      const sends = await database.db
        .selectFrom('outreachPressSend')
        .select('contactId')
        .where('releaseId', '=', releaseId)
        .execute();
      expect(sends).toEqual([{ contactId: gone.id }]);
      expect(await outreachPersonalData.findSubject(database.db, { email: gone.email }, scope)).toEqual([]);
    });

    it('finds nobody by a namesake: surname, given name and birth date must match a fiscal code', async () => {
      const mentor = await person('sui_manager');
      const giulia = await person('sui_operator');
      const namesake = await person();
      await database.db
        .updateTable('appUser')
        .set({ givenName: 'Giulia', familyName: 'Ferrari', fiscalCode: 'FRRGLI85C52F205O' })
        .where('id', '=', giulia.id)
        .execute();
      await database.db
        .updateTable('appUser')
        .set({ givenName: 'Giulia', familyName: 'Ferrari' })
        .where('id', '=', namesake.id)
        .execute();
      await database.db
        .insertInto('session')
        .values(
          [giulia.id, namesake.id].map((userId) => ({
            id: randomBytes(32).toString('hex'),
            userId,
            organisationId,
            csrfToken: 'x',
            createdAt: LATER,
            lastSeenAt: LATER,
            expiresAt: LATER,
            clientAddress: '192.0.2.99',
            userAgent: 'Browser di Giulia',
            authMethod: 'password',
          })),
        )
        .execute();
      const tableId = newId();
      const meetingId = newId();
      await database.db
        .insertInto('councilTable')
        .values({
          id: tableId,
          kind: 'THEMATIC',
          name: 'Tavolo casa',
          theme: 'HOUSING',
          mandate: 'Analizzare i bisogni.',
          startsOn: '2014-01-01',
          coordinatorOrganisationId: organisationId,
          createdAt: LONG_AGO,
        })
        .execute();
      await database.db
        .insertInto('councilMeeting')
        .values({
          id: meetingId,
          tableId,
          title: 'Prima riunione',
          startsAt: LONG_AGO,
          place: 'Prefettura di Lodi',
          onlineUrl: null,
          status: 'HELD',
          minutesStatus: 'NONE',
          minutesCirculatedVersion: null,
          minutesApprovedAt: null,
          convenedAt: LONG_AGO,
          convenedBy: mentor.id,
        })
        .execute();
      await database.db
        .insertInto('councilActionItem')
        .values({
          id: newId(),
          tableId,
          meetingId,
          title: 'Censire gli alloggi',
          ownerOrganisationId: organisationId,
          ownerName: 'Giulia Ferrari',
          ownerEmail: giulia.email,
          dueOn: '2014-06-30',
          status: 'OPEN',
          doneOn: null,
          createdAt: LONG_AGO,
        })
        .execute();
      await database.db
        .insertInto('trainingMentoring')
        .values({
          id: newId(),
          organisationId,
          day: '2014-05-10',
          menteeId: giulia.id,
          mentorId: mentor.id,
          topic: 'Ricongiungimenti',
          minutes: 60,
          note: null,
          recordedBy: mentor.id,
          recordedAt: LONG_AGO,
        })
        .execute();
      const questionnaireId = newId();
      await database.db
        .insertInto('surveyQuestionnaire')
        .values({
          id: questionnaireId,
          title: 'Fabbisogni dello sportello',
          intro: 'Ci aiuti a capire.',
          status: 'OPEN',
          questions: '[]',
          createdAt: LONG_AGO,
          ownerKind: 'TRAINING_NEEDS',
          answeredBy: 'PERSON',
          anonymous: true,
        })
        .execute();
      await database.db
        .insertInto('surveyInvitation')
        .values({ questionnaireId, userId: giulia.id, invitedAt: LONG_AGO })
        .execute();
      await database.db
        .insertInto('outreachPressContact')
        .values({
          id: newId(),
          outlet: 'Il Giorno',
          name: 'Giulia Ferrari',
          beat: 'Cronaca',
          email: 'g.ferrari@ilgiorno.example',
          phone: null,
          language: 'it',
          legalBasis: 'CONSENT',
          unsubscribedAt: null,
          createdBy: mentor.id,
          createdAt: LATER,
          updatedAt: LATER,
        })
        .execute();
      const providers = [
        identityPersonalData,
        councilPersonalData,
        trainingPersonalData,
        surveysPersonalData,
        outreachPersonalData,
      ];
      const search = async (subject: Parameters<PersonalDataProvider['findSubject']>[1]) =>
        (
          await Promise.all(providers.map((provider) => provider.findSubject(database.db, subject, scope)))
        ).flat();

      // an applicant born on another day gets nothing of the staff member's, nor of the namesake without a code
      expect(
        await search({ person: { surname: 'Ferrari', givenName: 'Giulia', birthDate: '1999-09-09' } }),
      ).toEqual([]);

      // her own birth date finds what hangs on her account, by the fiscal code it carries; the sessions only counted
      const byPerson = await search({
        person: { surname: 'FERRARI', givenName: 'giulia', birthDate: '1985-03-12' },
      });
      expect(byPerson.map((record) => record.section).sort()).toEqual([
        'Account utente',
        'Formazione',
        'Questionari',
      ]);
      const account = byPerson.find((record) => record.section === 'Account utente');
      expect(account?.entity).toEqual({ type: 'identity.user', id: giulia.id });
      expect(account?.data).toMatchObject({ sessionCount: 1 });
      expect(account?.data.sessions).toBeUndefined();

      // her own address gives the sessions' days, never the address and program they came from
      const byEmail = await search({ email: giulia.email });
      const own = byEmail.find((record) => record.section === 'Account utente');
      expect(own?.data.sessions).toEqual([
        expect.objectContaining({ createdAt: LATER, authMethod: 'password' }),
      ]);
      expect(JSON.stringify(byEmail)).not.toMatch(/192\.0\.2\.99|Browser di Giulia/);
      expect(byEmail.map((record) => record.section)).toContain('Consiglio territoriale');
    });

    it('counts the accounts switched off from the day the directory records, whatever the audit trail keeps', async () => {
      const accounts = categoryOf(identityPersonalData, 'identity.accounts-deactivated');
      await person('admin');
      const before = await due(accounts);
      const recent = await person();
      const unknown = await person();
      await database.db
        .updateTable('appUser')
        .set({ createdAt: LONG_AGO, passwordChangedAt: LONG_AGO, lastLoginAt: LONG_AGO })
        .where('id', 'in', [recent.id, unknown.id])
        .execute();
      await database.db
        .updateTable('appUser')
        .set({ isActive: false, deactivatedAt: LATER })
        .where('id', '=', recent.id)
        .execute();
      // switched off with no day recorded: taken as switched off now, never emptied before its time
      await database.db
        .updateTable('appUser')
        .set({ isActive: false })
        .where('id', '=', unknown.id)
        .execute();
      expect(await due(accounts)).toBe(before);

      // the directory records the day it switches an account off, and forgets it when it switches it back on
      const admin = await person('admin');
      const adminSession = await signIn(t.app, admin.email);
      const switched = async (action: 'deactivate' | 'activate') => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/users/${recent.id}/${action}`,
          headers: adminSession.headers,
        });
        expect(res.statusCode).toBe(200);
        const row = await database.db
          .selectFrom('appUser')
          .select('deactivatedAt')
          .where('id', '=', recent.id)
          .executeTakeFirstOrThrow();
        return row.deactivatedAt;
      };
      expect(await switched('activate')).toBeNull();
      expect(await switched('deactivate')).toBeInstanceOf(Date);
      expect(await due(accounts)).toBe(before);
    });

    it.runIf(backend === 'postgres')(
      'shares rows out between two disposal runs at once, counting each once',
      async () => {
        const tableId = newId();
        await database.db
          .insertInto('councilTable')
          .values({
            id: tableId,
            kind: 'THEMATIC',
            name: 'Tavolo scuola',
            theme: 'EDUCATION',
            mandate: 'Analizzare i bisogni.',
            startsOn: '2014-01-01',
            coordinatorOrganisationId: organisationId,
            createdAt: LONG_AGO,
          })
          .execute();
        await database.db
          .insertInto('councilMembership')
          .values(
            [1, 2, 3, 4].map((n) => ({
              id: newId(),
              tableId,
              organisationId,
              representativeName: `Rappresentante ${n}`,
              representativeEmail: `rappresentante.${n}@comune.example`,
              deputyName: null,
              deputyEmail: null,
              fromOn: '2014-01-01',
              toOn: '2014-06-30',
            })),
          )
          .execute();
        const seats = categoryOf(councilPersonalData, 'council.seats-ended');
        const before = await due(seats);
        expect(before).toBeGreaterThanOrEqual(4);
        let release = () => {};
        const holding = new Promise<void>((resolve) => {
          release = resolve;
        });
        let first = -1;
        const firstRun = database.db.transaction().execute(async (trx) => {
          first = await seats.dispose(trx, CUTOFF, 2);
          await holding;
        });
        await vi.waitFor(() => expect(first).toBe(2));
        const second = await dispose(seats);
        release();
        await firstRun;
        expect(first + second).toBe(before);
        expect(await due(seats)).toBe(0);
      },
    );
  });
}
