/**
 * The council's public page `/consiglio-territoriale`, in the public site's one layout: the tables and their
 * member organisations, the summaries of the meetings the secretariat published, and the initiatives. It is
 * written in Italian only: the site's frame around it follows the visitor's language choice for the links.
 */
import type { LovitApp } from '../../kernel/http.ts';
import { provinceName } from '../../kernel/institution.ts';
import type { Platform } from '../../kernel/platform.ts';
import { COUNCIL_PATH, formatNumber, listOf, longDate } from '../portal/layout.tsx';
import { PUBLIC_PAGE, registerPublicPages, sendPage } from '../portal/site.tsx';
import { INITIATIVE_STATUSES } from './contract.ts';
import { type PublicCouncil, publicCouncil } from './public.ts';

const LANG = 'it';
const TITLE = 'Consiglio territoriale per l’immigrazione';
const description = () =>
  `Il Consiglio territoriale per l’immigrazione della provincia di ${provinceName()}: tavoli tematici, enti componenti, sintesi delle sedute e iniziative.`;

const meetingDay = (instant: string) =>
  new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(new Date(instant));

/** A text as the secretariat wrote it: paragraphs split by a blank line, lines kept. */
const Prose = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .filter((block) => block.trim())
      .map((block, index) => {
        const key = `${index}`;
        return (
          <p className="prose" key={key}>
            {block}
          </p>
        );
      })}
  </>
);

function Tables({ tables }: { tables: PublicCouncil['tables'] }) {
  if (tables.length === 0) return <p>Nessun tavolo istituito.</p>;
  return tables.map((table) => (
    <article className="card" key={table.id}>
      <h3>{table.name}</h3>
      <p>
        {table.theme} – coordinamento: {table.coordinator}
      </p>
      <p>{table.mandate}</p>
      <p>Enti componenti: {table.members.length > 0 ? listOf(LANG, table.members) : 'nessuno'}.</p>
    </article>
  ));
}

function Summaries({ summaries }: { summaries: PublicCouncil['summaries'] }) {
  if (summaries.length === 0) return <p>Nessuna sintesi pubblicata.</p>;
  return summaries.map((summary) => (
    <article className="card" key={summary.id}>
      <h3>
        {summary.tableName} – seduta del {meetingDay(summary.startsAt)}
      </h3>
      <Prose text={summary.text} />
    </article>
  ));
}

function Initiatives({ initiatives }: { initiatives: PublicCouncil['initiatives'] }) {
  if (initiatives.length === 0) return <p>Nessuna iniziativa.</p>;
  return initiatives.map((initiative) => {
    const done = formatNumber(LANG, initiative.progress / 100, { style: 'percent' });
    return (
      <article className="card" key={initiative.id}>
        <h3>{initiative.title}</h3>
        <p>
          {initiative.tableName} – {INITIATIVE_STATUSES[initiative.status]}, dal{' '}
          {longDate(LANG, String(initiative.startsOn))} al {longDate(LANG, String(initiative.endsOn))}
        </p>
        <p>{initiative.objective}</p>
        <p>
          <label>
            Avanzamento: {done}{' '}
            <progress max={100} value={initiative.progress}>
              {done}
            </progress>
          </label>
        </p>
      </article>
    );
  });
}

function CouncilBody({ council }: { council: PublicCouncil }) {
  return (
    <>
      <p>
        Il Consiglio analizza i bisogni del territorio e promuove gli interventi da realizzare a livello
        locale (art. 3 c. 6 D.Lgs. 286/1998).
      </p>
      <section aria-labelledby="tavoli">
        <h2 id="tavoli">Plenaria e tavoli tematici</h2>
        <Tables tables={council.tables} />
      </section>
      <section aria-labelledby="sedute">
        <h2 id="sedute">Sintesi delle sedute</h2>
        <Summaries summaries={council.summaries} />
      </section>
      <section aria-labelledby="iniziative">
        <h2 id="iniziative">Iniziative</h2>
        <Initiatives initiatives={council.initiatives} />
      </section>
    </>
  );
}

export async function registerPublicCouncilPage(app: LovitApp, platform: Platform): Promise<void> {
  await registerPublicPages(app, (scope) => {
    scope.get(
      COUNCIL_PATH,
      { ...PUBLIC_PAGE, config: { ...PUBLIC_PAGE.config, rateLimit: { max: 60, timeWindow: 60_000 } } },
      async (request, reply) =>
        sendPage(request, reply, {
          lang: LANG,
          title: TITLE,
          description: description(),
          place: '',
          path: COUNCIL_PATH,
          body: <CouncilBody council={await publicCouncil(platform)} />,
        }),
    );
  });
}
