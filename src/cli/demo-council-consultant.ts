/**
 * Demo data of the consultant for territorial concertation: assigned to the work table, with a convocation and a
 * questionnaire of the table proposed and waiting for the secretariat, and a few entries of the concertation log.
 */
import type { Caller } from '../kernel/auth.ts';
import { startOfDayInRome } from '../kernel/clock.ts';
import type { Platform } from '../kernel/platform.ts';
import { createEntry } from '../modules/council/concertation/service.ts';
import {
  assignConsultant,
  proposeConvocation,
  proposeQuestionnaire,
} from '../modules/council/facilitation/service.ts';
import { inDays, memberCaller } from './sui-caller.ts';

const HOUR = 3600 * 1000;

export async function loadDemoConsultant(
  platform: Platform,
  secretariat: Caller,
  workTableId: string,
  idOf: (code: string) => string,
): Promise<void> {
  const consultant = await memberCaller(platform, 'consulente.cti@lovit.example', ['council_consultant']);
  if (!consultant?.actor) return;
  await assignConsultant(platform, secretariat, workTableId, { userId: consultant.actor.userId });
  await proposeConvocation(platform, consultant, workTableId, {
    title: 'Orientamento al lavoro: il punto con i centri per l’impiego',
    startsAt: new Date(startOfDayInRome(inDays(platform, 35)).getTime() + 10 * HOUR).toISOString(),
    place: 'Prefettura di Lodi, Palazzo del Governo, sala riunioni',
    agenda: [
      { title: 'Dati dello sportello di orientamento', presenter: 'Alberto Caruso', durationMinutes: 30 },
      { title: 'Tirocini per cittadini stranieri', durationMinutes: 45 },
    ],
  });
  await proposeQuestionnaire(platform, consultant, workTableId, {
    title: 'Orientamento al lavoro: cosa manca agli sportelli',
    intro: 'Una rilevazione breve tra gli enti del tavolo, per preparare la prossima seduta.',
    anonymous: false,
    reminderDays: 7,
    questions: [
      {
        kind: 'SCALE',
        key: 'bisogno_orientamento',
        label: 'Quanto serve un orientamento al lavoro dedicato ai cittadini stranieri?',
        required: true,
      },
      {
        kind: 'MULTI_CHOICE',
        key: 'ostacoli',
        label: 'Quali ostacoli incontrano più spesso le persone che seguite?',
        required: true,
        options: ['Lingua', 'Riconoscimento dei titoli', 'Trasporti', 'Orari degli sportelli'],
      },
      { kind: 'TEXT', key: 'proposte', label: 'Proposte per il tavolo', required: false },
    ],
  });
  const entries = [
    {
      heldOn: inDays(platform, -20),
      kind: 'MEETING' as const,
      topic: 'Avvio della concertazione sul lavoro stagionale',
      outcome: 'Condivisa la mappa delle aziende agricole che assumono stagionali.',
      followUp: 'Proposta di un incontro del tavolo con le associazioni di categoria.',
      tableId: workTableId,
      organisationIds: [idOf('ITL-LO'), idOf('COM-098019')].filter(Boolean),
      otherOrganisations: ['Coldiretti Lodi'],
    },
    {
      heldOn: inDays(platform, -12),
      kind: 'CONTACT' as const,
      topic: 'Corsi di italiano serali per lavoratori a turni',
      outcome: 'Il CPIA verifica la disponibilità di un corso a Codogno.',
      followUp: null,
      tableId: null,
      organisationIds: [idOf('COM-098019')].filter(Boolean),
      otherOrganisations: ['CPIA di Lodi'],
    },
    {
      heldOn: inDays(platform, -5),
      kind: 'MEETING' as const,
      topic: 'Accesso ai servizi per l’impiego',
      outcome: 'Concordato un calendario di aperture congiunte dello sportello.',
      followUp: 'Primo sportello congiunto entro il mese.',
      tableId: workTableId,
      organisationIds: [idOf('COM-098031')].filter(Boolean),
      otherOrganisations: ['Centro per l’impiego di Lodi'],
    },
  ];
  for (const entry of entries) await createEntry(platform, consultant, entry);
}
