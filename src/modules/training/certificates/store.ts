/** The queries of training certificates, their signatories, numbers and generations. */
import { type Insertable, sql } from 'kysely';
import type {
  TrainingCertificateRunTable,
  TrainingCertificateTable,
  TrainingSignatoryTable,
} from '../../../db/tables/training-certificates.ts';
import type { Db } from '../../../kernel/db.ts';

/** The signatories set for an edition and for its course. */
export async function signatoriesOf(db: Db, courseId: string, editionId: string) {
  const rows = await db
    .selectFrom('trainingSignatory')
    .select(['courseId', 'editionId', 'name', 'role'])
    .where((eb) => eb.or([eb('courseId', '=', courseId), eb('editionId', '=', editionId)]))
    .execute();
  return {
    edition: rows.find((row) => row.editionId === editionId),
    course: rows.find((row) => row.courseId === courseId),
  };
}

export function upsertSignatory(db: Db, row: Insertable<TrainingSignatoryTable>) {
  const scope = row.editionId ? 'editionId' : 'courseId';
  return db
    .insertInto('trainingSignatory')
    .values(row)
    .onConflict((oc) =>
      oc
        .column(scope)
        .doUpdateSet({ name: row.name, role: row.role, updatedAt: row.updatedAt, updatedBy: row.updatedBy }),
    )
    .execute();
}

export function certificatesOfEdition(db: Db, editionId: string) {
  return db
    .selectFrom('trainingCertificate')
    .selectAll()
    .where('editionId', '=', editionId)
    .orderBy('holderName')
    .orderBy('id')
    .execute();
}
export type CertificateRow = Awaited<ReturnType<typeof certificatesOfEdition>>[number];

/** The people of an edition who hold a certificate of it still valid (a revoked one may be issued again). */
export async function certifiedPeople(db: Db, editionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('trainingCertificate')
    .select('userId')
    .where('editionId', '=', editionId)
    .where('revokedAt', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.userId));
}

/** How many certificates have been issued and not revoked, of all editions. */
export async function validCertificates(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('trainingCertificate')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('revokedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Takes `count` numbers of a year's register, in the caller's transaction; returns the first. */
export async function takeNumbers(db: Db, year: number, count: number): Promise<number> {
  const { lastNumber } = await db
    .insertInto('trainingCertificateCounter')
    .values({ year, lastNumber: count })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ lastNumber: sql`training_certificate_counter.last_number + ${count}` }),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return lastNumber - count + 1;
}

export function insertCertificates(db: Db, rows: Insertable<TrainingCertificateTable>[]) {
  return db.insertInto('trainingCertificate').values(rows).execute();
}

/** A certificate with the course its edition belongs to. */
export function findCertificate(db: Db, id: string) {
  return db
    .selectFrom('trainingCertificate as t')
    .innerJoin('trainingEdition as e', 'e.id', 't.editionId')
    .selectAll('t')
    .select('e.courseId')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export function findCertificateByCode(db: Db, code: string) {
  return db
    .selectFrom('trainingCertificate')
    .select([
      'id',
      'number',
      'issuedOn',
      'issuer',
      'courseTitle',
      'revokedAt',
      'holderName',
      'minutesAttended',
      'minutesTotal',
      'firstDay',
      'lastDay',
    ])
    .where('verificationCode', '=', code)
    .executeTakeFirst();
}

/** A person's certificates, newest first. */
export function certificatesOf(db: Db, userId: string) {
  return db
    .selectFrom('trainingCertificate')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('issuedAt', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Revokes a certificate still valid; whether it was. */
export async function revokeCertificate(db: Db, id: string, by: string, at: Date, reason: string) {
  const revoked = await db
    .updateTable('trainingCertificate')
    .set({ revokedAt: at, revokedBy: by, revocationReason: reason })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return revoked !== undefined;
}

export function insertRun(db: Db, row: Insertable<TrainingCertificateRunTable>) {
  return db.insertInto('trainingCertificateRun').values(row).execute();
}

export function findRun(db: Db, id: string) {
  return db.selectFrom('trainingCertificateRun').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest generation of an edition's certificates. */
export function latestRun(db: Db, editionId: string) {
  return db
    .selectFrom('trainingCertificateRun')
    .selectAll()
    .where('editionId', '=', editionId)
    .orderBy('requestedAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function advanceRun(db: Db, id: string, changes: { done?: number; total?: number }) {
  return db.updateTable('trainingCertificateRun').set(changes).where('id', '=', id).execute();
}

export function finishRun(db: Db, id: string, at: Date, failure: string | null) {
  return db
    .updateTable('trainingCertificateRun')
    .set({ finishedAt: at, failure })
    .where('id', '=', id)
    .where('finishedAt', 'is', null)
    .execute();
}

export function deleteEditionSignatory(db: Db, editionId: string) {
  return db.deleteFrom('trainingSignatory').where('editionId', '=', editionId).execute();
}
