/**
 * The training figures for the project's indicators (WP3, fami-reporting.md §6): operators trained, in all and
 * per track, and certificates issued. A course open to both tracks counts in each. The records behind them
 * (names of people) are shown to those who run or oversee the training.
 */
import { type Actor, hasPermission } from '../../kernel/auth.ts';
import {
  dayInWords,
  drillDown,
  type IndicatorSourceSpec,
  moduleIndicatorSources,
} from '../../kernel/indicators.ts';
import { TRACKS, type Track } from './contract.ts';
import * as store from './indicator-sources/store.ts';

const READERS = ['training.oversee', 'training.manage'] as const;

/** Whose courses' people the actor sees, as in the training module: every course, or those they teach. */
const trainerScope = (actor: Actor): store.TrainerScope =>
  hasPermission(actor, 'training.oversee') ? null : actor.userId;

function trainedSource(key: string, name: string, tracks: store.TrackFilter): IndicatorSourceSpec {
  return {
    key,
    name,
    unit: 'operatori',
    count: ({ db, span, now }) => store.trainedCount(db, span, now, tracks),
    records: drillDown({
      access: READERS,
      columns: {
        name: 'Persona',
        organisation: 'Ente',
        course: 'Corso',
        edition: 'Edizione',
        track: 'Percorso',
      },
      find: ({ db, span, now, actor, page }) =>
        store.trainedPage(db, span, now, tracks, trainerScope(actor), page),
      cells: (row) => ({
        name: row.name,
        organisation: row.organisation,
        course: row.course,
        edition: row.edition,
        track: TRACKS[row.track as Track] ?? null,
      }),
    }),
  };
}

export const trainingIndicatorSources = moduleIndicatorSources('training', 'WP3', [
  trainedSource('training.operators-trained', 'Operatori formati', ['PUBLIC', 'PRIVATE', 'BOTH']),
  trainedSource('training.operators-trained-public', 'Operatori pubblici formati', ['PUBLIC', 'BOTH']),
  trainedSource('training.operators-trained-private', 'Operatori del privato sociale formati', [
    'PRIVATE',
    'BOTH',
  ]),
  {
    key: 'training.certificates',
    name: 'Attestati di formazione rilasciati',
    unit: 'attestati',
    count: ({ db, period }) => store.certificatesCount(db, period),
    records: drillDown({
      access: READERS,
      columns: {
        number: 'Numero',
        holder: 'Intestatario',
        organisation: 'Ente',
        course: 'Corso',
        issuedOn: 'Rilasciato il',
      },
      find: ({ db, period, actor, page }) => store.certificatesPage(db, period, trainerScope(actor), page),
      cells: (row) => ({
        number: row.number,
        holder: row.holderName,
        organisation: row.organisationName,
        course: row.courseTitle,
        issuedOn: dayInWords(row.issuedOn),
      }),
    }),
  },
]);
