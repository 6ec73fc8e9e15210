/**
 * The press kit: the funding statement every communication of the project must carry, the European Union's
 * emblem drawn to its official construction, and a fact sheet of the project with its figures from the records.
 */
import { institution, prefectureName } from '../../../kernel/institution.ts';
import { renderOfficialDocument } from '../../../kernel/pdf.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { eventIndicators } from '../events/indicators.ts';
import { articleIndicators } from '../news/indicators.ts';
import { publicationIndicators } from '../publications/indicators.ts';
import { pressIndicators } from './indicators.ts';

export const PROJECT_NAME = 'LO.V.I.T. – Lodi verso l’integrazione territoriale';

/** The funding line of the project's communications (EU visibility rules). */
export const FUNDING_STATEMENT =
  'Progetto cofinanziato dall’Unione europea – Fondo Asilo, Migrazione e Integrazione (FAMI) 2014-2020, ' +
  'Obiettivo Specifico 2, Obiettivo Nazionale 2.3 Capacity building (PROG 3858, CUP F79I22002140006).';

/**
 * The emblem of the European Union: a blue rectangle of proportions 3:2 and twelve gold five-pointed stars on
 * an invisible circle whose radius is a third of the height, each star's points on a circle of 1/18 of it.
 */
export function euEmblemSvg(): string {
  const height = 200;
  const width = 300;
  const radius = height / 3;
  const starRadius = height / 18;
  const star = (cx: number, cy: number) => {
    const points = Array.from({ length: 10 }, (_, i) => {
      const r = i % 2 === 0 ? starRadius : starRadius * 0.382;
      const angle = -Math.PI / 2 + (i * Math.PI) / 5;
      return `${(cx + r * Math.cos(angle)).toFixed(2)},${(cy + r * Math.sin(angle)).toFixed(2)}`;
    });
    return `<polygon points="${points.join(' ')}"/>`;
  };
  const stars = Array.from({ length: 12 }, (_, i) => {
    const angle = (i * Math.PI) / 6;
    return star(width / 2 + radius * Math.sin(angle), height / 2 - radius * Math.cos(angle));
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">` +
    '<title>Emblema dell’Unione europea</title>' +
    `<rect width="${width}" height="${height}" fill="#039"/>` +
    `<g fill="#fc0">${stars.join('')}</g></svg>`
  );
}

const number = (value: number) => new Intl.NumberFormat('it-IT').format(value);

/** The fact sheet of the project, with what it has done so far read from the records. */
export async function factSheetPdf(platform: Platform): Promise<Uint8Array> {
  const [events, articles, publications, coverage] = await Promise.all([
    eventIndicators(platform),
    articleIndicators(platform),
    publicationIndicators(platform),
    pressIndicators(platform),
  ]);
  const day = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(
    platform.clock.now(),
  );
  return renderOfficialDocument({
    issuer: [institution().name, 'Ufficio stampa'],
    title: 'Scheda del progetto',
    subtitle: PROJECT_NAME,
    sections: [
      {
        rows: [
          ['Programma', 'Fondo Asilo, Migrazione e Integrazione (FAMI) 2014-2020'],
          ['Obiettivo', 'OS2 – ON 2.3 Capacity building e governance dei servizi'],
          ['Codice progetto', 'PROG 3858 – CUP F79I22002140006'],
          ['Capofila', prefectureName()],
          ['Partner', 'LULE società cooperativa sociale'],
        ],
      },
      {
        heading: 'Che cosa fa',
        paragraphs: [
          'Rafforza lo Sportello Unico per l’Immigrazione con un esperto legale e mediatori linguistico-culturali, ' +
            'rende stabile il Consiglio territoriale per l’immigrazione, forma gli operatori pubblici e del privato ' +
            'sociale e informa i cittadini stranieri nelle loro lingue.',
        ],
      },
      {
        heading: `I numeri al ${day}`,
        rows: [
          ['Notizie pubblicate', number(articles.articlesPublished)],
          ['Pubblicazioni', number(publications.publicationsPublished)],
          ['Copie distribuite', number(publications.copiesDistributed)],
          ['Download delle pubblicazioni', number(publications.downloads)],
          ['Eventi', number(events.eventsPublished)],
          ['Partecipanti agli eventi', number(events.participants)],
          ['Comunicati stampa inviati', number(coverage.releasesSent)],
          ['Uscite sui media', number(coverage.coverageItems)],
        ],
      },
      { paragraphs: [FUNDING_STATEMENT] },
    ],
    footer: FUNDING_STATEMENT,
    metadata: {
      title: `Scheda del progetto ${PROJECT_NAME}`,
      subject: 'Cartella stampa',
      author: prefectureName(),
      createdAt: platform.clock.now(),
    },
  });
}
