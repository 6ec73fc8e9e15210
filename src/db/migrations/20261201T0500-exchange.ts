import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A lapsed opinion whose case type says silence is consent is recorded as such, never left blank.
  await sql`alter table case_opinion drop constraint case_opinion_outcome_check`.execute(db);
  await sql`alter table case_opinion add constraint case_opinion_outcome_check
    check (outcome in ('FAVOURABLE', 'UNFAVOURABLE', 'SILENT_CONSENT'))`.execute(db);

  // One opinion request as both ends see it: the requesting SUI and the body that answers. With one node the
  // two ends share the row; with two nodes each keeps its copy, kept equal by signed messages.
  await db.schema
    .createTable('opinion_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('requester_organisation_id', 'uuid', (c) => c.references('organisation.id'))
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('answerer_node', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisation.id'))
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('case_type_code', 'text', (c) => c.notNull())
    .addColumn('case_type_name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('subject', 'jsonb', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_on', 'date', (c) => c.notNull())
    .addColumn('response_days', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('silence_rule', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('PENDING', 'QUESTION', 'ANSWERED', 'SILENT_CONSENT')`),
    )
    .addColumn('paused_since', 'date')
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome in ('FAVOURABLE', 'UNFAVOURABLE', 'SILENT_CONSENT')`),
    )
    .addColumn('closed_at', 'timestamptz')
    .addColumn('reminded_on', 'date')
    .addColumn('escalated_on', 'date')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opinion_request_answerer')
    .on('opinion_request')
    .columns(['organisation_id', 'due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('opinion_request_requester')
    .on('opinion_request')
    .columns(['requester_organisation_id', 'due_on', 'id'])
    .execute();
  await db.schema.createIndex('opinion_request_case').on('opinion_request').column('case_number').execute();

  // Answers are final: a correction is a new answer that names the one it corrects.
  await db.schema
    .createTable('opinion_answer')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('opinion_id', 'uuid', (c) => c.notNull().references('opinion_request.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('FAVOURABLE', 'UNFAVOURABLE')`))
    .addColumn('reasons', 'text')
    .addColumn('answered_by', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_on', 'date', (c) => c.notNull())
    .addColumn('corrects_id', 'uuid', (c) => c.references('opinion_answer.id'))
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .createIndex('opinion_answer_opinion')
    .on('opinion_answer')
    .columns(['opinion_id', 'answered_at'])
    .execute();
  await db.schema
    .createIndex('opinion_answer_corrects')
    .on('opinion_answer')
    .column('corrects_id')
    .unique()
    .execute();

  // A question back to the SUI pauses that opinion's clock until the SUI replies.
  await db.schema
    .createTable('opinion_question')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('opinion_id', 'uuid', (c) => c.notNull().references('opinion_request.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('asked_on', 'date', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('replied_at', 'timestamptz')
    .addColumn('replied_on', 'date')
    .execute();
  await db.schema
    .createIndex('opinion_question_opinion')
    .on('opinion_question')
    .columns(['opinion_id', 'asked_at'])
    .execute();

  // Problems raised on a case or on the procedure, shared by the bodies.
  await db.schema
    .createTable('exchange_problem')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_number', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('raised_by_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('OPEN', 'IN_PROGRESS', 'RESOLVED')`))
    .addColumn('resolution', 'text')
    .addColumn('raised_on', 'date', (c) => c.notNull())
    .addColumn('resolved_on', 'date')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('exchange_problem_status')
    .on('exchange_problem')
    .columns(['status', 'raised_on'])
    .execute();

  // This node's signing keys (ES256): the public halves are published as JWKS.
  await db.schema
    .createTable('exchange_key')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('private_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Transactional outbox: written in the same transaction as the change it announces.
  await db.schema
    .createTable('exchange_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index exchange_outbox_pending on exchange_outbox (peer, created_at, id)
    where delivered_at is null`.execute(db);

  // Idempotent inbox: a message id seen twice is applied once.
  await db.schema
    .createTable('exchange_inbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('APPLIED', 'REJECTED')`))
    .addColumn('detail', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Signed deliveries seen (the JWS id): a replay of the same delivery is refused.
  await db.schema
    .createTable('exchange_delivery')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Deliveries refused (bad signature, unknown sender, replay, clock skew): logged, nothing applied.
  await db.schema
    .createTable('exchange_refusal')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('sender', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'exchange_refusal',
    'exchange_delivery',
    'exchange_inbox',
    'exchange_outbox',
    'exchange_key',
    'exchange_problem',
    'opinion_question',
    'opinion_answer',
    'opinion_request',
  ])
    await db.schema.dropTable(table).execute();
  await sql`alter table case_opinion drop constraint case_opinion_outcome_check`.execute(db);
  await sql`alter table case_opinion add constraint case_opinion_outcome_check
    check (outcome in ('FAVOURABLE', 'UNFAVOURABLE'))`.execute(db);
}
