/**
 * Demo data of the territorial council: the plenary and two thematic tables with members of the demo
 * organisations, a plenary held a month ago with approved minutes, a decision, actions and an initiative, and the
 * next plenary convened; the consultant for territorial concertation on the work table. Loaded through the real use cases, by the demo secretariat, on a clock set back in time.
 */
import { SettableClock, startOfDayInRome } from '../kernel/clock.ts';
import type { Platform } from '../kernel/platform.ts';
import { assignAction, updateAction } from '../modules/council/actions/service.ts';
import type { Theme } from '../modules/council/contract.ts';
import { planInitiative, recordProgress } from '../modules/council/initiatives/service.ts';
import {
  approveMinutes,
  circulateMinutes,
  recordDecision,
  saveMinutes,
} from '../modules/council/minutes/service.ts';
import { addMember, conveneMeeting, createTable, recordAttendance } from '../modules/council/service.ts';
import { findOrganisationByCode } from '../modules/identity/directory.ts';
import { loadDemoConsultant } from './demo-council-consultant.ts';
import { loadDemoNeeds } from './demo-needs.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

/** Representatives by organisation code (demo names); the Comune di Lodi's is the demo council member. */
const REPRESENTATIVES: Record<string, [string, string]> = {
  'PREF-LO': ['Francesca Galli', 'segreteria.cti@lovit.example'],
  'QUEST-LO': ['Luca Russo', 'funzionario.questura@lovit.example'],
  'ITL-LO': ['Paola Colombo', 'ispettore.itl@lovit.example'],
  'COM-098031': ['Roberto Conti', 'componente.cti@lovit.example'],
  'COM-098019': ['Chiara Fontana', 'cti.codogno@lovit.example'],
  'COM-098010': ['Giorgio Mancini', 'cti.casalpusterlengo@lovit.example'],
  'COM-098050': ['Laura Rinaldi', 'cti.santangelo@lovit.example'],
  'COM-098032': ['Matteo Caruso', 'cti.lodivecchio@lovit.example'],
  'COOP-LULE': ['Stefano Ricci', 'esperto.legale@lovit.example'],
};

const TABLES: {
  name: string;
  kind: 'PLENARY' | 'THEMATIC';
  theme: Theme;
  coordinator: string;
  members: string[];
  mandate: string;
}[] = [
  {
    name: 'Consiglio territoriale per l’immigrazione – seduta plenaria',
    kind: 'PLENARY',
    theme: 'GENERAL',
    coordinator: 'PREF-LO',
    members: Object.keys(REPRESENTATIVES),
    mandate:
      'Analisi delle esigenze e promozione degli interventi da attuare a livello locale (art. 3 c. 6 D.Lgs. 286/1998).',
  },
  {
    name: 'Tavolo lavoro e formazione',
    kind: 'THEMATIC',
    theme: 'WORK',
    coordinator: 'ITL-LO',
    members: ['ITL-LO', 'COM-098031', 'COM-098019', 'COOP-LULE'],
    mandate: 'Inserimento lavorativo, formazione professionale e contrasto allo sfruttamento.',
  },
  {
    name: 'Tavolo casa e abitare',
    kind: 'THEMATIC',
    theme: 'HOUSING',
    coordinator: 'COM-098031',
    members: ['COM-098031', 'COM-098010', 'COOP-LULE'],
    mandate: 'Accesso all’alloggio e idoneità alloggiativa per i ricongiungimenti familiari.',
  },
];

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** Loads the council's demo data, as the demo secretariat; nothing when that account is missing. */
export async function loadDemoCouncil(platform: DemoPlatform): Promise<void> {
  const caller = await memberCaller(platform, 'segreteria.cti@lovit.example', ['council_secretariat']);
  const member = await memberCaller(platform, 'componente.cti@lovit.example', ['council_member']);
  if (!caller || !member) return;
  const now = platform.clock.now();
  const clock = new SettableClock(new Date(now.getTime() - 40 * DAY));
  const past = { ...withoutMail(platform), clock };
  const organisations = new Map<string, string>();
  for (const code of Object.keys(REPRESENTATIVES)) {
    const organisation = await findOrganisationByCode(platform, code);
    if (organisation) organisations.set(code, organisation.id);
  }
  const idOf = (code: string) => organisations.get(code) ?? '';
  const since = clock.today().subtract({ days: 30 }).toString();
  const tableIds: string[] = [];
  for (const table of TABLES) {
    const created = await createTable(past, caller, {
      kind: table.kind,
      name: table.name,
      theme: table.theme,
      mandate: table.mandate,
      startsOn: since,
      coordinatorOrganisationId: idOf(table.coordinator),
    });
    for (const code of table.members) {
      const [name, email] = REPRESENTATIVES[code] ?? ['', ''];
      await addMember(past, caller, created.id, {
        organisationId: idOf(code),
        representativeName: name,
        representativeEmail: email,
        fromOn: since,
      });
    }
    tableIds.push(created.id);
  }
  const [plenaryId = '', workId = ''] = tableIds;
  const actionId = await holdPlenary(past, caller, plenaryId, idOf);
  clock.set(now);
  await conveneMeeting({ ...past, clock: platform.clock }, caller, workId, {
    title: 'Avvio dei lavori del tavolo',
    startsAt: new Date(
      startOfDayInRome(platform.clock.today().add({ days: 14 }).toString()).getTime() + 15 * HOUR,
    ).toISOString(),
    onlineUrl: 'https://videoconferenza.example/cti-lavoro',
    agenda: [
      {
        title: 'Fabbisogni formativi dei lavoratori stranieri',
        presenter: 'Paola Colombo',
        durationMinutes: 30,
      },
      { title: 'Calendario dei lavori', durationMinutes: 15 },
    ],
  });
  await updateAction(withoutMail(platform), member, actionId, {
    status: 'IN_PROGRESS',
    note: 'Raccolti i dati degli sportelli comunali.',
  });
  await loadDemoConsultant(withoutMail(platform), caller, workId, idOf);
  const lule = await memberCaller(platform, 'esperto.legale@lovit.example', ['legal_expert']);
  if (lule) await loadDemoNeeds(withoutMail(platform), { secretariat: caller, lodi: member, lule });
}

type Past = Platform & { clock: SettableClock };

/** Holds the plenary with its minutes, decision, actions and initiative; returns the Comune di Lodi's action. */
async function holdPlenary(
  platform: Past,
  caller: NonNullable<Awaited<ReturnType<typeof memberCaller>>>,
  tableId: string,
  idOf: (code: string) => string,
): Promise<string> {
  const startsAt = new Date(
    startOfDayInRome(platform.clock.today().add({ days: 10 }).toString()).getTime() + 10 * HOUR,
  );
  const meetingId = await conveneMeeting(platform, caller, tableId, {
    title: 'Seduta plenaria di avvio',
    startsAt: startsAt.toISOString(),
    place: 'Prefettura di Lodi, Palazzo del Governo, sala riunioni',
    agenda: [
      {
        title: 'Presenza straniera nella provincia: i dati',
        presenter: 'Francesca Galli',
        durationMinutes: 30,
      },
      { title: 'Istituzione dei tavoli tematici', durationMinutes: 30 },
    ],
  });
  platform.clock.set(startsAt);
  await recordAttendance(platform, caller, meetingId, {
    entries: Object.keys(REPRESENTATIVES).map((code, index) => ({
      organisationId: idOf(code),
      attended: index % 4 !== 3,
      attendeeName: index % 4 !== 3 ? (REPRESENTATIVES[code]?.[0] ?? null) : null,
    })),
  });
  const meeting = await saveMinutes(platform, caller, meetingId, {
    text:
      'La seduta si apre alle 10:00. La segreteria illustra i dati sulla presenza straniera nella provincia. ' +
      'Il Consiglio istituisce il tavolo lavoro e formazione e il tavolo casa e abitare.',
  });
  const [, tablesItem] = meeting.agenda;
  await recordDecision(platform, caller, meetingId, {
    agendaItemId: tablesItem?.id ?? '',
    text: 'Sono istituiti il tavolo lavoro e formazione e il tavolo casa e abitare.',
  });
  platform.clock.advance(DAY);
  await circulateMinutes(platform, caller, meetingId);
  platform.clock.advance(7 * DAY);
  const approved = await approveMinutes(platform, caller, meetingId);
  const decisionId = approved.decisions[0]?.id ?? null;
  const mapping = await assignAction(platform, caller, meetingId, {
    title: 'Mappatura degli sportelli comunali per stranieri',
    decisionId,
    ownerOrganisationId: idOf('COM-098031'),
    ownerName: 'Roberto Conti',
    ownerEmail: 'componente.cti@lovit.example',
    dueOn: platform.clock.today().add({ days: 40 }).toString(),
  });
  await assignAction(platform, caller, meetingId, {
    title: 'Dati sui permessi rilasciati nell’ultimo anno',
    ownerOrganisationId: idOf('QUEST-LO'),
    ownerName: 'Luca Russo',
    ownerEmail: 'funzionario.questura@lovit.example',
    dueOn: platform.clock.today().add({ days: 10 }).toString(),
  });
  const initiative = await planInitiative(platform, caller, {
    tableId,
    decisionId,
    title: 'Sportello territoriale di orientamento al lavoro',
    objective: 'Orientare i cittadini stranieri ai servizi per l’impiego e alla formazione.',
    needs: 'Scarsa conoscenza dei servizi per l’impiego; barriere linguistiche.',
    actions: 'Apertura settimanale a Lodi e Codogno con mediatori linguistico-culturali.',
    partners: ['Comune di Lodi', 'Comune di Codogno', 'LULE Società Cooperativa Sociale onlus'],
    budgetCents: 1_200_000,
    startsOn: platform.clock.today().toString(),
    endsOn: platform.clock.today().add({ months: 6 }).toString(),
    status: 'PLANNED',
    progress: 0,
  });
  await recordProgress(platform, caller, initiative.id, {
    status: 'ACTIVE',
    progress: 25,
    results: 'Sportello aperto a Lodi; 18 persone orientate.',
  });
  return mapping.id;
}
