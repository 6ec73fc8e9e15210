/**
 * An access request (GDPR art. 15) in pure terms: the one way the person is named, checked field by field;
 * the records found grouped under their headings; the reads recorded about them told in words; the names of
 * the documents in the export.
 */
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { type FieldError, Invalid } from '../../../kernel/errors.ts';
import type { DataSubject, SubjectRecord } from '../../../kernel/personal-data.ts';
import type { CriterionKind, SubjectCriterion } from './contract.ts';

export const CRITERION_LABELS: Record<CriterionKind, string> = {
  fiscalCode: 'codice fiscale',
  passportNumber: 'numero di passaporto',
  person: 'cognome, nome e data di nascita',
  email: 'indirizzo e-mail',
};

const GROUPS: Record<CriterionKind, readonly (keyof SubjectCriterion)[]> = {
  fiscalCode: ['fiscalCode'],
  passportNumber: ['passportNumber'],
  person: ['surname', 'givenName', 'birthDate'],
  email: ['email'],
};

// Letters for digits (omocodia) are allowed where digits stand: the Agenzia delle Entrate issues such codes.
const FISCAL_CODE =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const PASSPORT = /^[A-Z0-9]{5,20}$/;
const EMAIL = z.email();

export type Criterion = { kind: CriterionKind; subject: DataSubject };

const filled = (value: string | undefined): value is string => (value ?? '').trim() !== '';
const compact = (value: string) => value.replace(/\s+/g, '').toUpperCase();
const words = (value: string) => value.trim().replace(/\s+/g, ' ');
const fault = (field: string, message: string): FieldError => ({ path: `body.${field}`, message });

function birthDateFault(value: string, today: Temporal.PlainDate): string | undefined {
  let day: Temporal.PlainDate;
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(value);
    day = Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return 'Indicare la data di nascita (giorno, mese e anno)';
  }
  if (Temporal.PlainDate.compare(day, today) > 0) return 'La data di nascita non può essere nel futuro';
  if (day.year < 1900) return 'Indicare una data di nascita dal 1900 in poi';
  return undefined;
}

function checkedSubject(kind: CriterionKind, input: SubjectCriterion, today: Temporal.PlainDate) {
  const faults: FieldError[] = [];
  const required = (field: keyof SubjectCriterion) => {
    if (!filled(input[field])) faults.push(fault(field, 'Campo obbligatorio'));
    return input[field] ?? '';
  };
  let subject: DataSubject = {};
  if (kind === 'fiscalCode') {
    const code = compact(required('fiscalCode'));
    if (!FISCAL_CODE.test(code))
      faults.push(
        fault('fiscalCode', 'Codice fiscale non valido: 16 lettere e cifre, come sulla tessera sanitaria'),
      );
    subject = { fiscalCode: code };
  } else if (kind === 'passportNumber') {
    const number = compact(required('passportNumber'));
    if (!PASSPORT.test(number))
      faults.push(fault('passportNumber', 'Il numero di passaporto ha da 5 a 20 lettere e cifre'));
    subject = { passportNumber: number };
  } else if (kind === 'person') {
    const [surname, givenName, birthDate] = [
      required('surname'),
      required('givenName'),
      required('birthDate'),
    ];
    const dateFault = filled(birthDate) ? birthDateFault(birthDate.trim(), today) : undefined;
    if (dateFault) faults.push(fault('birthDate', dateFault));
    subject = {
      person: { surname: words(surname), givenName: words(givenName), birthDate: birthDate.trim() },
    };
  } else {
    const email = required('email').trim();
    if (filled(email) && !EMAIL.safeParse(email).success)
      faults.push(fault('email', 'Indirizzo e-mail non valido'));
    subject = { email };
  }
  return { subject, faults };
}

/** The one way the person is named, or Invalid naming each field at fault. */
export function readCriterion(input: SubjectCriterion, today: Temporal.PlainDate): Criterion {
  const kinds = (Object.keys(GROUPS) as CriterionKind[]).filter((kind) =>
    GROUPS[kind].some((field) => filled(input[field])),
  );
  const [kind, ...others] = kinds;
  if (!kind)
    throw new Invalid(
      [fault('criterion', 'Indicare come cercare la persona')],
      'Indicare il codice fiscale, il numero di passaporto, cognome nome e data di nascita, oppure l’indirizzo e-mail.',
    );
  if (others.length) {
    const fields = kinds.flatMap((each) => GROUPS[each].filter((field) => filled(input[field])));
    throw new Invalid(
      fields.map((field) => fault(field, 'Indicare un solo criterio di ricerca')),
      `Cercare per un solo criterio alla volta: ${kinds.map((each) => CRITERION_LABELS[each]).join(' oppure ')}.`,
    );
  }
  const { subject, faults } = checkedSubject(kind, input, today);
  if (faults.length) throw new Invalid(faults);
  return { kind, subject };
}

/** A read recorded in the audit trail about one of the records found, by the office that made it. */
export type RecordedRead = {
  at: Date;
  office: string;
  action: string;
  entity: { type: string; id: string };
  requestId: string | null;
};

const ACTIONS: Record<string, string> = {
  'privacy.subject.search': 'ricerca per una richiesta di accesso',
  'privacy.subject.export': 'esportazione per una richiesta di accesso',
};

/** What a read was, in words: the known access-request actions, else from the verb at the end. */
export function readInWords(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  if (action.endsWith('.export')) return 'esportazione';
  if (action.endsWith('.read') || action.endsWith('.view')) return 'consultazione';
  return 'accesso ai dati';
}

const AT = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  dateStyle: 'long',
  timeStyle: 'short',
});
/** An instant as people say it in Italy: "7 dicembre 2026 alle ore 10:32". */
export const instantInWords = (at: Date) => AT.format(at);

const entityKey = (entity: { type: string; id: string }) => `${entity.type}\u0000${entity.id}`;

/** A read told in words, with the records it touched. */
export type ReadLine = { at: Date; office: string; action: string; records: string[]; line: string };

/**
 * The reads in words, oldest first: when, which office, what was done. Entries of one request and one action
 * are one line (a search reads many records at once), naming the records it touched by their titles.
 */
export function readLines(reads: readonly RecordedRead[], records: readonly SubjectRecord[]): ReadLine[] {
  const titles = new Map<string, string>();
  for (const record of records) if (record.entity) titles.set(entityKey(record.entity), record.title);
  const lines = new Map<string, Omit<ReadLine, 'line'>>();
  reads.forEach((read, index) => {
    const key = read.requestId ? `${read.requestId}\u0000${read.action}` : `#${index}`;
    const line = lines.get(key) ?? {
      at: read.at,
      office: read.office,
      action: read.action,
      records: [],
    };
    const title = titles.get(entityKey(read.entity));
    if (title && !line.records.includes(title)) line.records.push(title);
    lines.set(key, line);
  });
  return [...lines.values()].map((line) => ({
    ...line,
    line: `${instantInWords(line.at)} – ${line.office} – ${readInWords(line.action)}${line.records.length ? `: ${line.records.join('; ')}` : ''}`,
  }));
}

export const READS_SECTION = 'Accessi registrati ai dati';

/** The records under their headings, in the order found, and the recorded reads as the last heading. */
export function sectionsOf(records: readonly SubjectRecord[], reads: readonly ReadLine[]) {
  const sections = new Map<string, SubjectRecord[]>();
  for (const record of records)
    sections.set(record.section, [...(sections.get(record.section) ?? []), record]);
  const found = [...sections].map(([title, items]) => ({ title, records: items }));
  return {
    found,
    reads: reads.length ? { title: READS_SECTION, lines: reads.map((read) => read.line) } : null,
  };
}

/** The message when nothing was found about the person, in the words of the criterion used. */
export function nothingFoundMessage(kind: CriterionKind): string {
  return `Nessun dato trovato in LOVIT per la persona indicata (ricerca per ${CRITERION_LABELS[kind]}).`;
}

/** The records the trail names, each once. */
export function entitiesOf(records: readonly SubjectRecord[]): { type: string; id: string }[] {
  const seen = new Map<string, { type: string; id: string }>();
  for (const record of records) if (record.entity) seen.set(entityKey(record.entity), record.entity);
  return [...seen.values()];
}

/** A stored file of a record as it goes into the export: its place under `documenti/`. */
export type ExportedFile = { sha256: string; path: string };

/**
 * Cyrillic letters after ICAO 9303's Russian table, as the summary's font writes them too: the names of the
 * people these documents belong to are mostly in Latin, Cyrillic or Arabic letters.
 */
const CYRILLIC: Record<string, string> = Object.fromEntries(
  [
    'а=a б=b в=v г=g ґ=g д=d е=e ё=e є=ie ж=zh з=z и=i і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t',
    'у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e ю=iu я=ia ў=u ђ=d ј=j љ=lj њ=nj ћ=c џ=dz',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => pair.split('=')),
);

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function asciiChar(char: string): string {
  if (PRINTABLE_ASCII.test(char)) return char;
  const latin = CYRILLIC[char.toLowerCase()];
  if (latin !== undefined)
    return char === char.toLowerCase() ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  return base !== char && PRINTABLE_ASCII.test(base) ? base : '_';
}

/**
 * A name every program opens alike and the summary's font prints as it is: printable ASCII only (accents
 * dropped, Cyrillic in Latin letters, any other letter '_'), none of the characters file systems refuse.
 */
function safeName(name: string): string {
  const ascii = [...name.normalize('NFC')]
    .map(asciiChar)
    .join('')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(ascii)?.[0] ?? '';
  // A name of letters the export cannot write keeps only its extension: the record's title still names it.
  if (/^[\s_.-]*$/.test(ascii.slice(0, ascii.length - extension.length))) return `documento${extension}`;
  return ascii;
}

/**
 * The place of every file in the export, per record: `documenti/<name>` in ASCII, the very string the summary
 * and dati.json list; a name used twice for different content gets " (2)", " (3)" before its extension; the
 * same content under the same name is one file.
 */
export function exportedFiles(records: readonly SubjectRecord[]): ExportedFile[][] {
  const taken = new Map<string, string>();
  return records.map((record) =>
    (record.files ?? []).map((file) => {
      const name = safeName(file.name);
      const dot = name.lastIndexOf('.');
      const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
      for (let n = 1; ; n++) {
        const path = `documenti/${n === 1 ? name : `${stem} (${n})${extension}`}`;
        const holder = taken.get(path);
        if (holder === undefined || holder === file.sha256) {
          taken.set(path, file.sha256);
          return { sha256: file.sha256, path };
        }
      }
    }),
  );
}
