/** The reading pages of the portal: home, procedure sheets, offices, accessibility statement, legal notes. */
import type { ReactNode } from 'react';
import { dayInRome } from '../../kernel/clock.ts';
import { languageOf, SOURCE_LANGUAGE, type Translate } from './languages.ts';
import { DraftTag, Isolated, longDate, portalPath, TRAINING_PATH, textAttributes } from './layout.tsx';
import {
  FEEDBACK_REASONS,
  type PICTOGRAM_SECTIONS,
  SHEET_SECTIONS,
  type SheetContent,
} from './sheets/contract.ts';
import type { GlossaryEntry, PublicSheet, Validation } from './sheets/service.ts';

type PictogramSection = (typeof PICTOGRAM_SECTIONS)[number];

type Listed = { code: string; language: string; content: SheetContent; validation: Validation | null };

/**
 * A text of the sheets: paragraphs split by a blank line, `- ` and `1. ` lines as lists; in a right-to-left
 * language, with its Italian fragments, addresses and telephone numbers isolated.
 */
export function RichText({ lang, text }: { lang: string; text: string }) {
  const blocks = text.split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, index) => {
        const lines = block.split('\n').map((line) => line.trim());
        const key = `${index}`;
        if (lines.every((line) => line.startsWith('- ')))
          return (
            <ul key={key}>
              {lines.map((line) => (
                <li key={line}>
                  <Isolated lang={lang} text={line.slice(2)} />
                </li>
              ))}
            </ul>
          );
        if (lines.every((line) => /^\d+\.\s/.test(line)))
          return (
            <ol key={key}>
              {lines.map((line) => (
                <li key={line}>
                  <Isolated lang={lang} text={line.replace(/^\d+\.\s/, '')} />
                </li>
              ))}
            </ol>
          );
        return (
          <p key={key}>
            <Isolated lang={lang} text={block} />
          </p>
        );
      })}
    </>
  );
}

export function HomePage({ lang, t, sheets }: { lang: string; t: Translate; sheets: Listed[] }) {
  return (
    <>
      <p>{t('home.intro')}</p>
      <h2>{t('home.sheets')}</h2>
      <ul className="links">
        {sheets.map((sheet) => (
          <li key={sheet.code}>
            <a href={portalPath(lang, `/schede/${sheet.code}`)} {...textAttributes(sheet.language)}>
              <Isolated lang={sheet.language} text={sheet.content.title} />
            </a>
            {!sheet.validation && <DraftTag t={t} />}
            <p className="meta" {...textAttributes(sheet.language)}>
              <Isolated lang={sheet.language} text={sheet.content.summary} />
            </p>
          </li>
        ))}
      </ul>
      <h2>{t('home.tools')}</h2>
      <ul className="links">
        <li>
          <a href={portalPath(lang, '/stato')}>{t('nav.status')}</a>
          <p className="meta">{t('home.statusLead')}</p>
        </li>
        <li>
          <a href={portalPath(lang, '/verifica')}>{t('nav.verify')}</a>
          <p className="meta">{t('home.verifyLead')}</p>
        </li>
        <li>
          <a href={portalPath(lang, '/uffici')}>{t('nav.offices')}</a>
        </li>
        {lang === SOURCE_LANGUAGE && (
          <li>
            <a href={TRAINING_PATH}>Formazione per gli operatori</a>
            <p className="meta">
              I corsi aperti alle iscrizioni per gli operatori pubblici e del privato sociale.
            </p>
          </li>
        )}
      </ul>
    </>
  );
}

/** Small pictograms for the sections a reader looks for first: what you need, how long, cost, where. */
const PICTOGRAMS: Record<PictogramSection, ReactNode> = {
  documents: <path d="M6 2h8l4 4v16H6zM14 2v4h4M9 11h6M9 15h6M9 19h4" />,
  timeLimits: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 3" />
    </>
  ),
  costs: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M15.5 8.5a4 4 0 1 0 0 7M7 11h6M7 13.5h6" />
    </>
  ),
  whereHow: (
    <>
      <path d="M12 22s7-7 7-12a7 7 0 0 0-14 0c0 5 7 12 7 12z" />
      <circle cx="12" cy="10" r="2.5" />
    </>
  ),
};

function Pictogram({ section }: { section: string }) {
  const drawing = PICTOGRAMS[section as PictogramSection];
  if (!drawing) return null;
  return (
    <svg className="pict" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      {drawing}
    </svg>
  );
}

const NAME_MARK = '\u0000';

/** A message with a person's name in it, the name isolated so that it keeps its own direction. */
function WithName({ message, name }: { message: string; name: string }) {
  const [before, after] = message.split(NAME_MARK);
  return (
    <>
      {before}
      <bdi>{name}</bdi>
      {after}
    </>
  );
}

/** Who wrote the text shown, how it was translated, and who validated it when; or that it is a draft. */
function ProvenanceLine({ lang, t, sheet }: { lang: string; t: Translate; sheet: PublicSheet }) {
  const origin = sheet.provenance;
  const source = sheet.language === SOURCE_LANGUAGE;
  const written =
    origin && source ? (
      <WithName message={t('provenance.writtenBy', { name: NAME_MARK })} name={origin.author} />
    ) : origin?.translation === 'MACHINE' ? (
      t('provenance.machine')
    ) : origin?.translator ? (
      <WithName message={t('provenance.translatedBy', { name: NAME_MARK })} name={origin.translator} />
    ) : null;
  const validated = sheet.validation ? (
    <WithName
      message={t('provenance.validatedBy', {
        name: NAME_MARK,
        role: t(source ? 'provenance.legalExpert' : 'provenance.mediator'),
        date: longDate(lang, dayInRome(sheet.validation.at)),
      })}
      name={sheet.validation.by}
    />
  ) : (
    <strong>{t('provenance.draft')}</strong>
  );
  return (
    <p>
      {written}
      {written && ' · '}
      {validated}
    </p>
  );
}

function SheetLanguages({ lang, t, sheet }: { lang: string; t: Translate; sheet: PublicSheet }) {
  return (
    <>
      <h3>{t('sheet.languages')}</h3>
      <ul className="langlist">
        {sheet.languages.map(({ code, validated }) => {
          const language = languageOf(code);
          return (
            <li key={code}>
              <a
                href={portalPath(code, `/schede/${sheet.code}`)}
                lang={code}
                hrefLang={code}
                dir={language.dir}
                aria-current={code === lang ? 'page' : undefined}
              >
                {language.name}
              </a>{' '}
              ({t(validated ? 'provenance.validated' : 'provenance.unvalidated')})
            </li>
          );
        })}
      </ul>
    </>
  );
}

function FeedbackForm({ lang, t, code }: { lang: string; t: Translate; code: string }) {
  return (
    <form className="card feedback" method="post" action={portalPath(lang, `/schede/${code}/utile`)}>
      <fieldset>
        <legend>{t('feedback.question')}</legend>
        {(['yes', 'no'] as const).map((answer) => (
          <label key={answer}>
            <input type="radio" name="useful" value={answer} required /> {t(`feedback.${answer}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="reason">{t('feedback.reason')}</label>
      <select id="reason" name="reason">
        <option value="">{t('feedback.noReason')}</option>
        {FEEDBACK_REASONS.map((reason) => (
          <option key={reason} value={reason}>
            {t(`feedback.reasons.${reason}`)}
          </option>
        ))}
      </select>
      {/* the anonymity it promises is the notice's subject: the sentence is the link, within the page's weight */}
      <p className="meta">
        <a href={portalPath(lang, '/privacy/schede')}>{t('feedback.anonymous')}</a>
      </p>
      <button type="submit">{t('feedback.send')}</button>
    </form>
  );
}

export function SheetPage({ lang, t, sheet }: { lang: string; t: Translate; sheet: PublicSheet }) {
  const shownIn = languageOf(sheet.language);
  // The text keeps its own language (the Italian original, when there is no translation); headings are the page's.
  const textLang = shownIn.code === lang ? {} : { lang: shownIn.code, dir: shownIn.dir };
  const { content } = sheet;
  return (
    <>
      {!sheet.validation && <p className="card draft">{t('provenance.draftNotice')}</p>}
      {sheet.language !== lang && <p className="card note">{t('sheet.untranslated')}</p>}
      {sheet.outOfDate && (
        <p className="card note">
          {t('sheet.outdated')} <a href={portalPath('it', `/schede/${sheet.code}`)}>{t('sheet.italian')}</a>
        </p>
      )}
      <p {...textLang}>
        <strong>
          <Isolated lang={shownIn.code} text={content.summary} />
        </strong>
      </p>
      {content.inThreeSteps && (
        <section className="card three" aria-labelledby="in3">
          <h2 id="in3">{t('sheet.inThreeSteps')}</h2>
          <div {...textLang}>
            <RichText lang={shownIn.code} text={content.inThreeSteps} />
          </div>
        </section>
      )}
      <nav aria-label={t('sheet.contents')}>
        <ul>
          {SHEET_SECTIONS.filter((section) => content[section]).map((section) => (
            <li key={section}>
              <a href={`#${section}`}>{t(`section.${section}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {SHEET_SECTIONS.map((section) => {
        const body = content[section];
        return (
          body && (
            <section key={section} aria-labelledby={section}>
              <h2 id={section}>
                <Pictogram section={section} />
                {t(`section.${section}`)}
              </h2>
              <div {...textLang}>
                <RichText lang={shownIn.code} text={body} />
              </div>
            </section>
          )
        );
      })}
      {content.references && (
        <details className="refs">
          <summary>{t('sheet.references')}</summary>
          <div {...textLang}>
            <RichText lang={shownIn.code} text={content.references} />
          </div>
        </details>
      )}
      {sheet.glossary.length > 0 && (
        <section aria-labelledby="glossario">
          <h2 id="glossario">{t('sheet.glossary')}</h2>
          <dl className="facts" {...textLang}>
            {sheet.glossary.map((entry) => (
              <Definition key={entry.termKey} page={lang} lang={shownIn.code} t={t} entry={entry} />
            ))}
          </dl>
        </section>
      )}
      <section className="provenance" aria-labelledby="provenienza">
        <h2 id="provenienza">{t('provenance.title')}</h2>
        <ProvenanceLine lang={lang} t={t} sheet={sheet} />
        <SheetLanguages lang={lang} t={t} sheet={sheet} />
      </section>
      <FeedbackForm lang={lang} t={t} code={sheet.code} />
    </>
  );
}

/** The answer to the "was this page useful?" form. */
export function FeedbackThanks({ lang, t, code }: { lang: string; t: Translate; code: string }) {
  return (
    <div className="card ok">
      <p>{t('feedback.thanksText')}</p>
      <p>
        <a href={portalPath(lang, `/schede/${code}`)}>{t('feedback.back')}</a>
      </p>
    </div>
  );
}

/** The answer to a "was this page useful?" post that did not come from the sheet's own form. */
export function FeedbackRefused({ lang, t, code }: { lang: string; t: Translate; code: string }) {
  return (
    <div className="card ko" role="alert">
      <p>{t('feedback.refusedText')}</p>
      <p>
        <a href={portalPath(lang, `/schede/${code}`)}>{t('feedback.back')}</a>
      </p>
    </div>
  );
}

/** A word of the glossary and what it means; a definition no reviewer has checked says so. */
function Definition({
  page,
  lang,
  t,
  entry,
}: {
  page: string;
  lang: string;
  t: Translate;
  entry: GlossaryEntry;
}) {
  return (
    <>
      <dt>
        <dfn>
          <Isolated lang={lang} text={entry.term} />
        </dfn>
      </dt>
      <dd>
        <Isolated lang={lang} text={entry.definition} />
        {!entry.validated && <DraftTag t={t} lang={page === lang ? undefined : page} />}
      </dd>
    </>
  );
}

/** A page of paragraphs from the catalogue: the accessibility statement, the legal notes. */
export function TextPage({ t, prefix, keys }: { t: Translate; prefix: string; keys: readonly string[] }) {
  return (
    <>
      {keys.map((key) => (
        <p key={key}>{t(`${prefix}.${key}`)}</p>
      ))}
    </>
  );
}

export const ACCESSIBILITY_KEYS = ['intro', 'status', 'method', 'feedback', 'enforcement'];
