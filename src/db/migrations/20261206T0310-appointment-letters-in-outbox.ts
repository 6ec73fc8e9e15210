import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Where a convocation is now lives in the outbox: the letters sent before keep their date there.
  await sql`
    insert into mail_outbox (id, topic, entity_id, recipient, subject, status, attempts, next_attempt_at,
                             created_at, sent_at)
    select gen_random_uuid(), 'cases.convocation', id::text, recipient_email, 'Convocazione', 'SENT', 1,
           letter_sent_at, letter_sent_at, letter_sent_at
      from appointment
     where letter_sent_at is not null and recipient_email is not null
  `.execute(db);
  await db.schema.alterTable('appointment').dropColumn('letter_sent_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointment').addColumn('letter_sent_at', 'timestamptz').execute();
  await sql`
    update appointment set letter_sent_at = sent.sent_at
      from mail_outbox sent
     where sent.topic = 'cases.convocation' and sent.status = 'SENT' and sent.entity_id = appointment.id::text
  `.execute(db);
  await sql`delete from mail_outbox where topic = 'cases.convocation'`.execute(db);
}
