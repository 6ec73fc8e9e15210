/**
 * The training figures for the project's indicators (WP3, fami-reporting.md §6): operators trained, in all and
 * per track, and certificates issued. A course open to both tracks counts in each. The records behind them
 * (names of people) are shown to those who run or oversee the training.
 */
import { type Caller, hasPermission } from '../../kernel/auth.ts';
import {
  dayInWords,
  type IndicatorColumn,
  type IndicatorSource,
  periodInstants,
  recordsOf,
  restrictedRecords,
} from '../../kernel/indicators.ts';
import { TRACKS, type Track } from './contract.ts';
import * as store from './indicator-sources/store.ts';

const mayRead = (caller: Caller) =>
  caller.actor !== null &&
  (hasPermission(caller.actor, 'training.oversee') || hasPermission(caller.actor, 'training.manage'));

/** Whose courses' people the caller sees, as in the training module: every course, or those they teach. */
const trainerScope = (caller: Caller): store.TrainerScope =>
  caller.actor && !hasPermission(caller.actor, 'training.oversee') ? caller.actor.userId : null;

const TRAINED_COLUMNS: IndicatorColumn[] = [
  { key: 'name', label: 'Persona' },
  { key: 'organisation', label: 'Ente' },
  { key: 'course', label: 'Corso' },
  { key: 'edition', label: 'Edizione' },
  { key: 'track', label: 'Percorso' },
];
const CERTIFICATE_COLUMNS: IndicatorColumn[] = [
  { key: 'number', label: 'Numero' },
  { key: 'holder', label: 'Intestatario' },
  { key: 'organisation', label: 'Ente' },
  { key: 'course', label: 'Corso' },
  { key: 'issuedOn', label: 'Rilasciato il' },
];

function trainedSource(key: string, name: string, tracks: store.TrackFilter): IndicatorSource {
  return {
    key,
    name,
    unit: 'operatori',
    module: 'training',
    workPackage: 'WP3',
    compute: (platform, period) =>
      store.trainedCount(platform.database.db, periodInstants(period), platform.clock.now(), tracks),
    async records(platform, caller, period, page) {
      if (!mayRead(caller)) return restrictedRecords(TRAINED_COLUMNS);
      const found = await store.trainedPage(
        platform.database.db,
        periodInstants(period),
        platform.clock.now(),
        tracks,
        trainerScope(caller),
        page,
      );
      return recordsOf(TRAINED_COLUMNS, found, (row) => ({
        name: row.name,
        organisation: row.organisation,
        course: row.course,
        edition: row.edition,
        track: TRACKS[row.track as Track] ?? null,
      }));
    },
  };
}

export const trainingIndicatorSources: IndicatorSource[] = [
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
    module: 'training',
    workPackage: 'WP3',
    compute: (platform, period) => store.certificatesCount(platform.database.db, period),
    async records(platform, caller, period, page) {
      if (!mayRead(caller)) return restrictedRecords(CERTIFICATE_COLUMNS);
      const found = await store.certificatesPage(platform.database.db, period, trainerScope(caller), page);
      return recordsOf(CERTIFICATE_COLUMNS, found, (row) => ({
        number: row.number,
        holder: row.holderName,
        organisation: row.organisationName,
        course: row.courseTitle,
        issuedOn: dayInWords(row.issuedOn),
      }));
    },
  },
];
