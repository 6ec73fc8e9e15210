/**
 * What the indicators benchmark adds to a large SUI office, by set-based SQL: opinions answered by the Questura
 * and the inspectorate, trainees who attended courses of both tracks, event registrations with check-ins at
 * the door, and a year of council meetings with the organisations present.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/kernel/db.ts';

export type IndicatorVolumes = { opinions: number; trainees: number; registrations: number };

const ORGANISATIONS = 40;
const EDITION_SIZE = 100;
const SESSION_SIZE = 500;

export async function seedIndicatorData(database: DatabaseHandle, volumes: IndicatorVolumes): Promise<void> {
  const { db } = database;
  const org = async (code: string) =>
    (await db.selectFrom('organisation').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const prefecture = await org('PREF-LO');
  const questura = await org('QUEST-LO');
  const staff = (
    await db
      .selectFrom('appUser')
      .select('id')
      .where('email', '=', 'project.manager@lovit.example')
      .executeTakeFirstOrThrow()
  ).id;

  // Opinions requested over the last year, nine in ten answered 5 to 64 days later.
  await sql`
  insert into opinion_request (id, origin_node, requester_organisation_id, requester_name, body, answerer_node,
    organisation_id, case_number, case_type_code, case_type_name, label, subject, search_text, requested_at,
    requested_on, response_days, due_on, state, outcome, closed_at, updated_at)
  select gen_random_uuid(), 'lodi', ${prefecture}, 'Prefettura di Lodi', case when n % 3 = 0 then 'ITL' else 'QUESTURA' end,
    'lodi', ${questura}, 'LO-2026-' || lpad(n::text, 7, '0'), 'WORK_CLEARANCE', 'Nulla osta al lavoro subordinato',
    'Parere ' || n, '{"persons":[],"employers":[],"quota":null,"submittedOn":"2026-01-01","highRiskCountry":false}',
    'parere ' || n, r.requested_at, (r.requested_at at time zone 'Europe/Rome')::date, 60,
    (r.requested_at at time zone 'Europe/Rome')::date + 60,
    case when n % 10 = 0 then 'PENDING' else 'ANSWERED' end,
    case when n % 10 = 0 then null when n % 7 = 0 then 'UNFAVOURABLE' else 'FAVOURABLE' end,
    case when n % 10 = 0 then null else r.requested_at + make_interval(days => 5 + n % 60) end, now()
  from generate_series(1, ${volumes.opinions}) as n
  cross join lateral (select now() - make_interval(mins => n % 525600) as requested_at) r`.execute(db);

  // Organisations for the trainees and the council, then the trainees themselves.
  await sql`
  insert into organisation (id, code, name, type)
  select gen_random_uuid(), 'BENCH-' || n, 'Ente ' || n, case when n % 2 = 0 then 'MUNICIPALITY' else 'COOPERATIVE' end
  from generate_series(1, ${ORGANISATIONS}) as n`.execute(db);
  await sql`
  insert into app_user (id, email, given_name, family_name)
  select gen_random_uuid(), 'corsista' || n || '@bench.example', 'Nome' || n, 'Cognome' || n
  from generate_series(1, ${volumes.trainees}) as n`.execute(db);

  // One edition of a hundred places per hundred trainees, three sessions each, ended over the last year.
  const editions = Math.ceil(volumes.trainees / EDITION_SIZE);
  await sql`
  insert into training_course (id, title, track, objectives, topics, hours, target_roles, completion_percent, created_at)
  select gen_random_uuid(), 'Corso ' || t, t, 'Obiettivi', '[]', 9, 'Operatori', 70, now()
  from unnest(array['PUBLIC', 'PRIVATE', 'BOTH']) as t`.execute(db);
  await sql`
  insert into training_edition (id, course_id, name, capacity, cancel_until, created_at)
  select gen_random_uuid(), c.id, 'Edizione ' || n, ${EDITION_SIZE}, current_date - 400, now()
  from generate_series(1, ${editions}) as n
  join lateral (select id from training_course order by title offset n % 3 limit 1) c on true`.execute(db);
  await sql`
  insert into training_session (id, edition_id, starts_at, ends_at, place, check_in_secret)
  select gen_random_uuid(), e.id, d.day + make_interval(hours => 9), d.day + make_interval(hours => 12), 'Aula magna', md5(e.id::text || s)
  from (select id, row_number() over (order by id) as k from training_edition) e
  cross join generate_series(1, 3) as s
  cross join lateral (select date_trunc('day', now()) - make_interval(days => (e.k::int * 7) % 360 + s) as day) d`.execute(
    db,
  );
  await sql`
  insert into training_enrolment (id, edition_id, user_id, organisation_id, status, enrolled_by, requested_at)
  select gen_random_uuid(), e.id, u.id, o.id, 'ENROLLED', u.id, now() - interval '400 days'
  from (select id, row_number() over (order by email) - 1 as k from app_user where email like '%@bench.example') u
  join (select id, row_number() over (order by id) - 1 as k from training_edition) e on e.k = u.k / ${EDITION_SIZE}
  join (select id, row_number() over (order by code) - 1 as k from organisation where code like 'BENCH-%') o
    on o.k = u.k % ${ORGANISATIONS}`.execute(db);
  // Four trainees in five attend every session, the others one.
  await sql`
  insert into training_attendance (session_id, user_id, method, recorded_by, recorded_at)
  select s.id, n.user_id, 'REGISTER', ${staff}, s.ends_at
  from training_enrolment n
  join lateral (select id, ends_at, row_number() over (order by starts_at) as k from training_session
    where edition_id = n.edition_id) s on true
  where ('x' || substr(md5(n.user_id::text), 1, 4))::bit(16)::int % 5 <> 0 or s.k = 1`.execute(db);

  // Events with sessions of five hundred seats over the last year, registrations and check-ins.
  const sessions = Math.ceil(volumes.registrations / SESSION_SIZE);
  await sql`
  insert into outreach_event (id, kind, title, summary, description, offer_hours, published_at, created_by, created_at)
  select gen_random_uuid(), 'CONFERENCE', 'Evento ' || n, 'Sintesi', 'Descrizione', 24, now() - interval '400 days',
    ${staff}, now() - interval '400 days'
  from generate_series(1, ${sessions}) as n`.execute(db);
  await sql`
  insert into outreach_session (id, event_id, label, starts_at, ends_at, venue, address, accessibility, capacity,
    registration_until, created_at)
  select gen_random_uuid(), e.id, 'Sessione unica', d.at, d.at + interval '3 hours', 'Sala', 'Via Roma 1, Lodi', 'Accessibile',
    ${SESSION_SIZE}, d.at - interval '1 day', now() - interval '400 days'
  from (select id, row_number() over (order by id) as k from outreach_event where title like 'Evento %') e
  cross join lateral (select date_trunc('day', now()) - make_interval(days => (e.k::int * 3) % 360 + 1)
    + interval '17 hours' as at) d`.execute(db);
  await sql`
  insert into outreach_registration (id, session_id, ticket_code, name, email, language, consent_at, status, created_at,
    confirmed_at)
  select gen_random_uuid(), s.id, 'B' || lpad(n::text, 9, '0'), 'Partecipante ' || n, 'p' || n || '@bench.example', 'it',
    s.starts_at - interval '10 days', case when n % 10 = 0 then 'CANCELLED' else 'CONFIRMED' end,
    s.starts_at - interval '10 days', s.starts_at - interval '10 days'
  from generate_series(0, ${volumes.registrations - 1}) as n
  join (select id, starts_at, row_number() over (order by id) - 1 as k from outreach_session where label = 'Sessione unica') s
    on s.k = n / ${SESSION_SIZE}`.execute(db);
  await sql`
  insert into outreach_check_in_list (id, event_id, name, created_at)
  select gen_random_uuid(), id, 'Ingresso', now() from outreach_event where title like 'Evento %'`.execute(
    db,
  );
  await sql`
  insert into outreach_check_in (list_id, registration_id, checked_in_at, checked_in_by)
  select l.id, r.id, s.starts_at, ${staff}
  from outreach_registration r
  join outreach_session s on s.id = r.session_id
  join outreach_check_in_list l on l.event_id = s.event_id
  where r.status = 'CONFIRMED' and r.ticket_code like 'B%' and ('x' || substr(md5(r.id::text), 1, 4))::bit(16)::int % 4 <> 0`.execute(
    db,
  );

  // A council table meeting every week of the year, ten organisations present at each.
  await sql`
  insert into council_table (id, kind, name, theme, mandate, starts_on, coordinator_organisation_id, created_at)
  values (gen_random_uuid(), 'THEMATIC', 'Tavolo di prova', 'Lavoro', 'Mandato', current_date - 400, ${prefecture}, now())`.execute(
    db,
  );
  await sql`
  insert into council_meeting (id, table_id, title, starts_at, place, status, minutes_status, convened_at, convened_by)
  select gen_random_uuid(), t.id, 'Seduta ' || n, now() - make_interval(days => n * 7), 'Prefettura di Lodi', 'HELD', 'APPROVED',
    now() - make_interval(days => n * 7 + 14), ${staff}
  from generate_series(1, 52) as n cross join (select id from council_table where name = 'Tavolo di prova') t`.execute(
    db,
  );
  await sql`
  insert into council_attendance (meeting_id, organisation_id, invited_email, answer, attended)
  select m.id, o.id, 'ente@bench.example', 'PRESENT', true
  from council_meeting m
  join lateral (select id from organisation where code like 'BENCH-%' order by code
    offset (m.starts_at::date - date '2020-01-01') % 30 limit 10) o on true
  where m.title like 'Seduta %'`.execute(db);
  await sql`analyze`.execute(db);
}
