import { type Kysely, sql } from 'kysely';

/**
 * Audit entries are kept for their retention period, then disposed of from the oldest end of the hash chain
 * (decision 073). The trail stays append-only for everything else: a delete passes the triggers only in a
 * transaction that declares itself the disposal (`lovit.audit_disposal`), and only for seals, and the entries
 * they sealed, at or before the last checkpoint, which that transaction writes first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('entry_seq', 'bigint', (c) => c.notNull())
    .addColumn('disposed', 'integer', (c) => c.notNull())
    .addColumn('disposed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`
    create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_refuse_change()`.execute(db);
  await sql`
    create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_refuse_change()`.execute(db);

  // The disposal deletes an entry before its seal: the seal's reference is checked when the transaction ends.
  await sql`alter table audit_seal alter constraint audit_seal_entry_seq_fkey deferrable initially immediate`.execute(
    db,
  );

  await sql`
    create function audit_seal_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('lovit.audit_disposal', true) = 'on'
        and old.position <= (select max(position) from audit_checkpoint) then
        return old;
      end if;
      raise exception 'audit trail is append-only';
    end
    $$`.execute(db);
  await sql`
    create function audit_entry_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('lovit.audit_disposal', true) = 'on'
        and exists (
          select 1 from audit_seal s
          where s.entry_seq = old.seq and s.position <= (select max(position) from audit_checkpoint)
        ) then
        return old;
      end if;
      raise exception 'audit trail is append-only';
    end
    $$`.execute(db);
  for (const table of ['audit_entry', 'audit_seal']) {
    await sql`drop trigger ${sql.id(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function ${sql.id(`${table}_refuse_change`)}()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_entry', 'audit_seal']) {
    await sql`drop trigger ${sql.id(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function audit_refuse_change()`.execute(db);
    await sql`drop function ${sql.id(`${table}_refuse_change`)}()`.execute(db);
  }
  await sql`alter table audit_seal alter constraint audit_seal_entry_seq_fkey not deferrable`.execute(db);
  await db.schema.dropTable('audit_checkpoint').execute();
}
