/**
 * The dissemination figures for the project's indicators (WP4, fami-reporting.md §6): articles, publications,
 * press releases sent, media coverage, event sessions held, registrations and participants. What was published
 * is shown to the communication staff; the people who registered, to those who run the events.
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
import type { Permission } from '../../kernel/permissions.ts';
import { ARTICLE_KINDS, COVERAGE_MEDIA, PUBLICATION_KINDS } from './contract.ts';
import * as store from './indicator-sources/store.ts';

const may = (caller: Caller, permission: Permission) =>
  caller.actor !== null && hasPermission(caller.actor, permission);
const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? null;

const ARTICLE_COLUMNS: IndicatorColumn[] = [
  { key: 'publishedOn', label: 'Pubblicato il' },
  { key: 'kind', label: 'Tipo' },
  { key: 'title', label: 'Titolo' },
];
const PUBLICATION_COLUMNS: IndicatorColumn[] = [
  { key: 'publishedOn', label: 'Pubblicata il' },
  { key: 'kind', label: 'Tipo' },
  { key: 'title', label: 'Titolo' },
  { key: 'copiesPrinted', label: 'Copie stampate' },
];
const RELEASE_COLUMNS: IndicatorColumn[] = [
  { key: 'sentOn', label: 'Inviato il' },
  { key: 'title', label: 'Titolo' },
  { key: 'recipients', label: 'Destinatari' },
];
const COVERAGE_COLUMNS: IndicatorColumn[] = [
  { key: 'publishedOn', label: 'Uscita il' },
  { key: 'outlet', label: 'Testata' },
  { key: 'media', label: 'Mezzo' },
  { key: 'title', label: 'Titolo' },
  { key: 'reach', label: 'Pubblico stimato' },
];
const SESSION_COLUMNS: IndicatorColumn[] = [
  { key: 'heldOn', label: 'Data' },
  { key: 'event', label: 'Evento' },
  { key: 'session', label: 'Sessione' },
  { key: 'venue', label: 'Luogo' },
  { key: 'registered', label: 'Iscritti' },
  { key: 'present', label: 'Presenti' },
];
const PERSON_COLUMNS: IndicatorColumn[] = [
  { key: 'day', label: 'Data' },
  { key: 'name', label: 'Nome' },
  { key: 'organisation', label: 'Ente' },
  { key: 'event', label: 'Evento' },
  { key: 'session', label: 'Sessione' },
];

const base = { module: 'outreach', workPackage: 'WP4' } as const;

export const outreachIndicatorSources: IndicatorSource[] = [
  {
    ...base,
    key: 'outreach.articles',
    name: 'Articoli pubblicati sul sito',
    unit: 'articoli',
    compute: (platform, period) => store.articlesCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.access')) return restrictedRecords(ARTICLE_COLUMNS);
      const found = await store.articlesPage(platform.database.db, periodInstants(period), page);
      return recordsOf(ARTICLE_COLUMNS, found, (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        kind: labelOf(ARTICLE_KINDS, row.kind),
        title: row.title,
      }));
    },
  },
  {
    ...base,
    key: 'outreach.publications',
    name: 'Pubblicazioni diffuse (opuscoli, pieghevoli, manifesti, rapporti)',
    unit: 'pubblicazioni',
    compute: (platform, period) => store.publicationsCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.access')) return restrictedRecords(PUBLICATION_COLUMNS);
      const found = await store.publicationsPage(platform.database.db, periodInstants(period), page);
      return recordsOf(PUBLICATION_COLUMNS, found, (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        kind: labelOf(PUBLICATION_KINDS, row.kind),
        title: row.title,
        copiesPrinted: row.copiesPrinted,
      }));
    },
  },
  {
    ...base,
    key: 'outreach.press-releases',
    name: 'Comunicati stampa inviati',
    unit: 'comunicati',
    compute: (platform, period) => store.releasesCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.access')) return restrictedRecords(RELEASE_COLUMNS);
      const found = await store.releasesPage(platform.database.db, periodInstants(period), page);
      return recordsOf(RELEASE_COLUMNS, found, (row) => ({
        sentOn: dayInWords(row.sentOn),
        title: row.title,
        recipients: row.recipients,
      }));
    },
  },
  {
    ...base,
    key: 'outreach.coverage',
    name: 'Uscite su stampa, web, radio e televisione',
    unit: 'uscite',
    compute: (platform, period) => store.coverageCount(platform.database.db, period),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.access')) return restrictedRecords(COVERAGE_COLUMNS);
      const found = await store.coveragePage(platform.database.db, period, page);
      return recordsOf(COVERAGE_COLUMNS, found, (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        outlet: row.outlet,
        media: labelOf(COVERAGE_MEDIA, row.media),
        title: row.title,
        reach: row.reach,
      }));
    },
  },
  {
    ...base,
    key: 'outreach.sessions-held',
    name: 'Sessioni di eventi tenute (convegni, spettacoli, laboratori)',
    unit: 'sessioni',
    compute: (platform, period) =>
      store.sessionsHeldCount(platform.database.db, periodInstants(period), platform.clock.now()),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.access')) return restrictedRecords(SESSION_COLUMNS);
      const found = await store.sessionsHeldPage(
        platform.database.db,
        periodInstants(period),
        platform.clock.now(),
        page,
      );
      return recordsOf(SESSION_COLUMNS, found, (row) => ({
        heldOn: dayInWords(row.heldOn),
        event: row.title,
        session: row.label,
        venue: row.venue,
        registered: row.registered,
        present: row.present,
      }));
    },
  },
  {
    ...base,
    key: 'outreach.registrations',
    name: 'Iscrizioni confermate agli eventi',
    unit: 'iscrizioni',
    compute: (platform, period) => store.registrationsCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.events.manage')) return restrictedRecords(PERSON_COLUMNS);
      const found = await store.registrationsPage(platform.database.db, periodInstants(period), page);
      return recordsOf(PERSON_COLUMNS, found, (row) => ({
        day: dayInWords(row.registeredOn),
        name: row.name,
        organisation: row.organisation,
        event: row.title,
        session: row.label,
      }));
    },
  },
  {
    ...base,
    key: 'outreach.participants',
    name: 'Partecipanti agli eventi (presenti all’ingresso)',
    unit: 'partecipanti',
    compute: (platform, period) =>
      store.participantsCount(platform.database.db, periodInstants(period), platform.clock.now()),
    async records(platform, caller, period, page) {
      if (!may(caller, 'outreach.events.manage')) return restrictedRecords(PERSON_COLUMNS);
      const found = await store.participantsPage(
        platform.database.db,
        periodInstants(period),
        platform.clock.now(),
        page,
      );
      return recordsOf(PERSON_COLUMNS, found, (row) => ({
        day: dayInWords(row.heldOn),
        name: row.name,
        organisation: row.organisation,
        event: row.title,
        session: row.label,
      }));
    },
  },
];
