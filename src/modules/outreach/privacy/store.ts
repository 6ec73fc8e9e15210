/**
 * The queries of dissemination's retention and access requests: event registrations emptied of the person
 * after the session (the seat, its status, the check-in, the organisation's type and the language stay: the
 * event figures are counted from them), attendance certificates' holders, interpreters' notes, press contacts
 * erased when they unsubscribed or fell silent; a person's registrations, certificates, assignments and press
 * contact found by address or account (a name alone would find every namesake: no birth date is kept here).
 * Each disposal takes its rows with `skip locked`: two runs at once share them out, and neither counts a row
 * the other disposed of.
 */
import { sql } from 'kysely';
import { redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Db } from '../../../kernel/db.ts';
import { forgetContactMail } from '../press/store.ts';

/** The address an emptied registration keeps: unique per session as the table wants, never deliverable. */
const FORGOTTEN_REGISTRATION_DOMAIN = '@iscrizione.invalid';
/** What a certificate says in place of its holder once the name is no longer kept. */
export const FORGOTTEN_HOLDER = 'Titolare non più conservato';

const pastRegistrations = (db: Db, cutoff: Date) =>
  db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .where('s.endsAt', '<', cutoff)
    .where('r.email', 'not like', `%${FORGOTTEN_REGISTRATION_DOMAIN}`);

export async function countPastRegistrations(db: Db, cutoff: Date) {
  return countRows(pastRegistrations(db, cutoff));
}

/**
 * Name, address, organisation's name, needs and answers go; the consent's date stays as the proof that the
 * registration was lawful while it was kept.
 */
export async function anonymisePastRegistrations(db: Db, cutoff: Date, limit: number) {
  const due = pastRegistrations(db, cutoff)
    .select('r.id')
    .orderBy('r.id')
    .limit(limit)
    .forUpdate('r')
    .skipLocked();
  const emptied = await db
    .updateTable('outreachRegistration')
    .set({
      name: 'Partecipante non più conservato',
      email: sql<string>`'anonima-' || id || ${FORGOTTEN_REGISTRATION_DOMAIN}`,
      organisation: null,
      accessibilityNeeds: null,
      answers: '{}',
    })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  await redactAuditedChanges(
    db,
    emptied.map((row) => ({ type: 'outreach_registration', id: row.id })),
  );
  return emptied.length;
}

const oldAttendanceCertificates = (db: Db, cutoff: Date) =>
  db
    .selectFrom('outreachAttendanceCertificate')
    .where('issuedAt', '<', cutoff)
    .where('holderName', '!=', FORGOTTEN_HOLDER);

export async function countOldAttendanceCertificates(db: Db, cutoff: Date) {
  return countRows(oldAttendanceCertificates(db, cutoff));
}

export async function anonymiseOldAttendanceCertificates(db: Db, cutoff: Date, limit: number) {
  const due = oldAttendanceCertificates(db, cutoff)
    .select('id')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const result = await db
    .updateTable('outreachAttendanceCertificate')
    .set({ holderName: FORGOTTEN_HOLDER })
    .where('id', 'in', due)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Notes may say who needed the interpreter; the assignment stays (interpretation given). */
const pastInterpreterNotes = (db: Db, cutoff: Date) =>
  db
    .selectFrom('outreachInterpreter as i')
    .innerJoin('outreachSession as s', 's.id', 'i.sessionId')
    .where('s.endsAt', '<', cutoff)
    .where('i.note', 'is not', null);

export async function countPastInterpreterNotes(db: Db, cutoff: Date) {
  return countRows(pastInterpreterNotes(db, cutoff));
}

export async function clearPastInterpreterNotes(db: Db, cutoff: Date, limit: number) {
  const due = pastInterpreterNotes(db, cutoff)
    .select('i.id')
    .orderBy('i.id')
    .limit(limit)
    .forUpdate('i')
    .skipLocked();
  const result = await db
    .updateTable('outreachInterpreter')
    .set({ note: null })
    .where('id', 'in', due)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const unsubscribedContacts = (db: Db, cutoff: Date) =>
  db
    .selectFrom('outreachPressContact as c')
    .where('c.erasedAt', 'is', null)
    .where('c.unsubscribedAt', '<', cutoff);

/** The last time the office wrote to the contact or changed it. */
const lastContact = sql<Date>`greatest(c.updated_at, (select max(r.sent_at) from outreach_press_send ps
  join outreach_press_release r on r.id = ps.release_id where ps.contact_id = c.id))`;

const silentContacts = (db: Db, cutoff: Date) =>
  db
    .selectFrom('outreachPressContact as c')
    .where('c.erasedAt', 'is', null)
    .where('c.unsubscribedAt', 'is', null)
    .where(lastContact, '<', cutoff);

export async function countUnsubscribedContacts(db: Db, cutoff: Date) {
  return countRows(unsubscribedContacts(db, cutoff));
}

export async function countSilentContacts(db: Db, cutoff: Date) {
  return countRows(silentContacts(db, cutoff));
}

export async function eraseUnsubscribedContacts(db: Db, cutoff: Date, limit: number) {
  const rows = await unsubscribedContacts(db, cutoff)
    .select('c.id')
    .orderBy('c.id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return eraseContacts(
    db,
    rows.map((row) => row.id),
  );
}

export async function eraseSilentContacts(db: Db, cutoff: Date, limit: number) {
  const rows = await silentContacts(db, cutoff)
    .select('c.id')
    .orderBy('c.id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return eraseContacts(
    db,
    rows.map((row) => row.id),
  );
}

/**
 * Erases contacts as an erasure on request does (the press office's `eraseContact`): the row stays, emptied,
 * so that the releases sent still count, and the outbox forgets the address and the texts sent to it. The
 * moment is the database's, the one the disposal's transaction runs at.
 */
async function eraseContacts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  const { now } = await sql<{ now: Date }>`select now() as now`
    .execute(db)
    .then((result) => result.rows[0] as { now: Date });
  await db
    .updateTable('outreachPressContact')
    .set({
      name: 'Contatto cancellato',
      email: sql<string>`'cancellato-' || id || '@contatto.invalid'`,
      phone: null,
      beat: null,
      legalBasisNote: null,
      unsubscribedAt: sql<Date>`coalesce(unsubscribed_at, ${now})`,
      erasedAt: now,
      updatedAt: now,
    })
    .where('id', 'in', [...ids])
    .execute();
  for (const id of ids) await forgetContactMail(db, id, `cancellato-${id}@contatto.invalid`, now);
  await redactAuditedChanges(
    db,
    ids.map((id) => ({ type: 'outreach_press_contact', id })),
  );
  return ids.length;
}

/** Compares with an address given in lower case. */
const sameAddress = (column: string, email: string) => sql<boolean>`lower(${sql.ref(column)}) = ${email}`;

export function registrationsOf(db: Db, email: string) {
  return db
    .selectFrom('outreachRegistration as r')
    .innerJoin('outreachSession as s', 's.id', 'r.sessionId')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .select([
      'r.id',
      'e.title as event',
      's.label as session',
      's.startsAt',
      'r.ticketCode',
      'r.name',
      'r.email',
      'r.organisation',
      'r.organisationType',
      'r.language',
      'r.accessibilityNeeds',
      'r.interpretationLanguage',
      'r.answers',
      'r.consentAt',
      'r.status',
      'r.createdAt',
      'r.confirmedAt',
      'r.cancelledAt',
      sql<
        Date[]
      >`coalesce((select array_agg(c.checked_in_at order by c.checked_in_at) from outreach_check_in c
        where c.registration_id = r.id), '{}')`.as('checkedInAt'),
      sql<boolean[]>`coalesce((select array_agg(f.has_answered) from outreach_follow_up_invitation f
        where f.registration_id = r.id), '{}')`.as('followUpAnswered'),
    ])
    .where(sameAddress('r.email', email))
    .orderBy('s.startsAt')
    .execute();
}

/** Certificates of the person's registrations. */
export function attendanceCertificatesOf(db: Db, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outreachAttendanceCertificate')
    .select([
      'id',
      'registrationId',
      'number',
      'verificationCode',
      'holderName',
      'eventTitle',
      'sessionLabel',
      'issuedOn',
      'revokedAt',
    ])
    .where('registrationId', 'in', [...registrationIds])
    .orderBy('issuedAt')
    .execute();
}

export function interpretingOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outreachInterpreter as i')
    .innerJoin('outreachSession as s', 's.id', 'i.sessionId')
    .innerJoin('outreachEvent as e', 'e.id', 's.eventId')
    .select([
      'i.id',
      'e.title as event',
      's.label as session',
      's.startsAt',
      'i.language',
      'i.note',
      'i.assignedAt',
    ])
    .where('i.mediatorId', 'in', [...userIds])
    .orderBy('s.startsAt')
    .execute();
}

export async function pressContactsOf(db: Db, email: string) {
  const contacts = await db
    .selectFrom('outreachPressContact as c')
    .select([
      'c.id',
      'c.outlet',
      'c.name',
      'c.beat',
      'c.email',
      'c.phone',
      'c.language',
      'c.legalBasis',
      'c.legalBasisNote',
      'c.unsubscribedAt',
      'c.createdAt',
      'c.updatedAt',
    ])
    .where(sameAddress('c.email', email))
    .where('c.erasedAt', 'is', null)
    .orderBy('c.createdAt')
    .execute();
  if (contacts.length === 0) return [];
  const sends = await db
    .selectFrom('outreachPressSend as ps')
    .innerJoin('outreachPressRelease as r', 'r.id', 'ps.releaseId')
    .select(['ps.contactId', 'r.title', 'r.sentAt'])
    .where(
      'ps.contactId',
      'in',
      contacts.map((contact) => contact.id),
    )
    .orderBy('r.sentAt')
    .execute();
  return contacts.map((contact) => ({
    ...contact,
    releasesSent: sends
      .filter((send) => send.contactId === contact.id)
      .map((send) => ({ title: send.title, sentAt: send.sentAt })),
  }));
}
