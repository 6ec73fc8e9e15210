/**
 * The council's yearly report, generated from the data as a PDF: meetings held, attendance rate per
 * organisation, decisions, action items (done on time, still open), initiatives and their progress.
 */
import type { Caller } from '../../kernel/auth.ts';
import { endOfDayInRome, startOfDayInRome } from '../../kernel/clock.ts';
import { institution, prefectureName, provinceName } from '../../kernel/institution.ts';
import { type DocumentSection, renderOfficialDocument } from '../../kernel/pdf.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead } from '../../kernel/transaction.ts';
import * as actionsStore from './actions/store.ts';
import { INITIATIVE_STATUSES } from './contract.ts';
import { attendanceRates, isDoneOnTime, isOverdue } from './rules.ts';
import * as store from './store.ts';

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Rome',
});

async function yearFacts(platform: Platform, year: number) {
  const { db } = platform.database;
  const from = startOfDayInRome(`${year}-01-01`);
  const to = endOfDayInRome(`${year}-12-31`);
  const meetings = await store.heldMeetings(db, from, to);
  const ids = meetings.map((m) => m.id);
  const attendance = await store.attendanceOfMeetings(db, ids);
  const decisions = await store.decisionsOfMeetings(db, ids);
  const actions = (await actionsStore.actions(db, { all: true })).filter(
    (a) => a.dueOn >= `${year}-01-01` && a.dueOn <= `${year}-12-31`,
  );
  const initiatives = (await actionsStore.initiatives(db, { all: true })).filter(
    (i) => i.startsOn <= `${year}-12-31` && i.endsOn >= `${year}-01-01`,
  );
  return { meetings, attendance, decisions, actions, initiatives };
}

function sections(
  facts: Awaited<ReturnType<typeof yearFacts>>,
  today: Parameters<typeof isOverdue>[1],
): DocumentSection[] {
  const done = facts.actions.filter((a) => a.status === 'DONE');
  const onTime = done.filter(isDoneOnTime);
  const overdue = facts.actions.filter((a) => isOverdue(a, today));
  return [
    {
      heading: 'In sintesi',
      rows: [
        ['Sedute tenute', String(facts.meetings.length)],
        ['Decisioni', String(facts.decisions.length)],
        ['Azioni in scadenza nell’anno', String(facts.actions.length)],
        ['Azioni completate', `${done.length}, di cui nei tempi ${onTime.length}`],
        ['Azioni scadute e aperte', String(overdue.length)],
        ['Iniziative', String(facts.initiatives.length)],
      ],
    },
    {
      heading: 'Sedute tenute',
      rows: facts.meetings.map((m) => [dayFormat.format(m.startsAt), `${m.tableName} – ${m.title}`]),
      ...(facts.meetings.length ? {} : { paragraphs: ['Nessuna seduta tenuta nell’anno.'] }),
    },
    {
      heading: 'Partecipazione degli enti',
      rows: attendanceRates(facts.attendance).map((r) => [
        r.organisationName,
        `${r.rate}% (presente a ${r.present} su ${r.invited})`,
      ]),
    },
    {
      heading: 'Decisioni',
      paragraphs: facts.decisions.map((d) => `${dayFormat.format(d.startsAt)}: ${d.text}`),
    },
    {
      heading: 'Azioni',
      rows: facts.actions.map((a) => [
        a.ownerOrganisationName,
        `${a.title} – scadenza ${dayFormat.format(new Date(`${a.dueOn}T12:00:00Z`))}, ${
          a.status === 'DONE'
            ? isDoneOnTime(a)
              ? 'completata nei tempi'
              : 'completata in ritardo'
            : isOverdue(a, today)
              ? 'scaduta'
              : 'aperta'
        }`,
      ]),
    },
    {
      heading: 'Iniziative',
      rows: facts.initiatives.map((i) => [
        i.title,
        `${INITIATIVE_STATUSES[i.status]}, avanzamento ${i.progress}% (${i.tableName})`,
      ]),
    },
  ];
}

export async function yearlyReport(platform: Platform, caller: Caller, year: number): Promise<Uint8Array> {
  const facts = await yearFacts(platform, year);
  await auditRead(platform.database.db, platform.clock, caller, 'council_report', String(year), { year });
  const now = platform.clock.now();
  return renderOfficialDocument({
    issuer: [institution().name, 'Consiglio territoriale per l’immigrazione'],
    title: `Relazione annuale ${year}`,
    subtitle: `Generata il ${dayFormat.format(now)} dai dati di LOVIT`,
    sections: sections(facts, platform.clock.today()),
    footer: `Consiglio territoriale per l’immigrazione di ${provinceName()} – relazione generata dai dati della piattaforma LOVIT`,
    metadata: {
      title: `Relazione annuale ${year} del Consiglio territoriale per l’immigrazione`,
      subject: 'Sedute, partecipazione, decisioni, azioni e iniziative',
      author: prefectureName(),
      createdAt: now,
    },
  });
}
