/**
 * The dissemination figures for the project's indicators (WP4, fami-reporting.md §6): articles, publications,
 * press releases sent, media coverage, event sessions held, registrations and participants. What was published
 * is shown to the communication staff; the people who registered, to those who run the events.
 */
import { dayInWords, drillDown, moduleIndicatorSources } from '../../kernel/indicators.ts';
import { ARTICLE_KINDS, COVERAGE_MEDIA, PUBLICATION_KINDS } from './contract.ts';
import * as store from './indicator-sources/store.ts';

const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? null;

const PERSON_COLUMNS = {
  day: 'Data',
  name: 'Nome',
  organisation: 'Ente',
  event: 'Evento',
  session: 'Sessione',
};

export const outreachIndicatorSources = moduleIndicatorSources('outreach', 'WP4', [
  {
    key: 'outreach.articles',
    name: 'Articoli pubblicati sul sito',
    unit: 'articoli',
    count: ({ db, span }) => store.articlesCount(db, span),
    records: drillDown({
      access: 'outreach.access',
      columns: { publishedOn: 'Pubblicato il', kind: 'Tipo', title: 'Titolo' },
      find: ({ db, span, page }) => store.articlesPage(db, span, page),
      cells: (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        kind: labelOf(ARTICLE_KINDS, row.kind),
        title: row.title,
      }),
    }),
  },
  {
    key: 'outreach.publications',
    name: 'Pubblicazioni diffuse (opuscoli, pieghevoli, manifesti, rapporti)',
    unit: 'pubblicazioni',
    count: ({ db, span }) => store.publicationsCount(db, span),
    records: drillDown({
      access: 'outreach.access',
      columns: {
        publishedOn: 'Pubblicata il',
        kind: 'Tipo',
        title: 'Titolo',
        copiesPrinted: 'Copie stampate',
      },
      find: ({ db, span, page }) => store.publicationsPage(db, span, page),
      cells: (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        kind: labelOf(PUBLICATION_KINDS, row.kind),
        title: row.title,
        copiesPrinted: row.copiesPrinted,
      }),
    }),
  },
  {
    key: 'outreach.press-releases',
    name: 'Comunicati stampa inviati',
    unit: 'comunicati',
    count: ({ db, span }) => store.releasesCount(db, span),
    records: drillDown({
      access: 'outreach.access',
      columns: { sentOn: 'Inviato il', title: 'Titolo', recipients: 'Destinatari' },
      find: ({ db, span, page }) => store.releasesPage(db, span, page),
      cells: (row) => ({ sentOn: dayInWords(row.sentOn), title: row.title, recipients: row.recipients }),
    }),
  },
  {
    key: 'outreach.coverage',
    name: 'Uscite su stampa, web, radio e televisione',
    unit: 'uscite',
    count: ({ db, period }) => store.coverageCount(db, period),
    records: drillDown({
      access: 'outreach.access',
      columns: {
        publishedOn: 'Uscita il',
        outlet: 'Testata',
        media: 'Mezzo',
        title: 'Titolo',
        reach: 'Pubblico stimato',
      },
      find: ({ db, period, page }) => store.coveragePage(db, period, page),
      cells: (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        outlet: row.outlet,
        media: labelOf(COVERAGE_MEDIA, row.media),
        title: row.title,
        reach: row.reach,
      }),
    }),
  },
  {
    key: 'outreach.sessions-held',
    name: 'Sessioni di eventi tenute (convegni, spettacoli, laboratori)',
    unit: 'sessioni',
    count: ({ db, span, now }) => store.sessionsHeldCount(db, span, now),
    records: drillDown({
      access: 'outreach.access',
      columns: {
        heldOn: 'Data',
        event: 'Evento',
        session: 'Sessione',
        venue: 'Luogo',
        registered: 'Iscritti',
        present: 'Presenti',
      },
      find: ({ db, span, now, page }) => store.sessionsHeldPage(db, span, now, page),
      cells: (row) => ({
        heldOn: dayInWords(row.heldOn),
        event: row.title,
        session: row.label,
        venue: row.venue,
        registered: row.registered,
        present: row.present,
      }),
    }),
  },
  {
    key: 'outreach.registrations',
    name: 'Iscrizioni confermate agli eventi',
    unit: 'iscrizioni',
    count: ({ db, span }) => store.registrationsCount(db, span),
    records: drillDown({
      access: 'outreach.events.manage',
      columns: PERSON_COLUMNS,
      find: ({ db, span, page }) => store.registrationsPage(db, span, page),
      cells: (row) => ({
        day: dayInWords(row.registeredOn),
        name: row.name,
        organisation: row.organisation,
        event: row.title,
        session: row.label,
      }),
    }),
  },
  {
    key: 'outreach.participants',
    name: 'Partecipanti agli eventi (presenti all’ingresso)',
    unit: 'partecipanti',
    count: ({ db, span, now }) => store.participantsCount(db, span, now),
    records: drillDown({
      access: 'outreach.events.manage',
      columns: PERSON_COLUMNS,
      find: ({ db, span, now, page }) => store.participantsPage(db, span, now, page),
      cells: (row) => ({
        day: dayInWords(row.heldOn),
        name: row.name,
        organisation: row.organisation,
        event: row.title,
        session: row.label,
      }),
    }),
  },
]);
