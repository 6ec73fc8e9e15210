/**
 * A due date explained line by line, in Italian words and Italian dates: the starting event, the term and its
 * source, each suspension, each roll-over off a Sunday or holiday. The API and the case page show the same
 * lines. Pure.
 */
import { Temporal } from 'temporal-polyfill';
import type { DueDateExplanation } from '../contract.ts';
import type { CaseEventKind, Deadline, IgnoredReason, RollOver, Suspension } from './deadlines.ts';

type PlainDate = Temporal.PlainDate;
type Line = DueDateExplanation['lines'][number];

const longDate = (date: PlainDate) =>
  date.toLocaleString('it-IT', { day: 'numeric', month: 'long', year: 'numeric' });
const withWeekday = (date: PlainDate) =>
  date.toLocaleString('it-IT', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const ELIDED = { il: 'l’', dal: 'dall’', al: 'all’', del: 'dell’' } as const;
/** "il 7 dicembre 2026", "l’8 dicembre 2026", "il 1° dicembre 2026": the article before a date. */
export function onDate(preposition: keyof typeof ELIDED, date: PlainDate): string {
  const written = date.day === 1 ? longDate(date).replace(/^1 /, '1° ') : longDate(date);
  return date.day === 8 || date.day === 11 ? `${ELIDED[preposition]}${written}` : `${preposition} ${written}`;
}

const days = (count: number) => (count === 1 ? '1 giorno' : `${count} giorni`);

const SUSPENSION_NAMES: Record<Suspension['kind'], string> = {
  INTEGRATION_REQUEST: 'richiesta di integrazione documentale',
  REJECTION_NOTICE: 'preavviso di rigetto',
};

const EVENT_NAMES: Record<CaseEventKind, string> = {
  INTEGRATION_REQUESTED: 'Richiesta di integrazione documentale',
  DOCUMENTS_RECEIVED: 'Documenti ricevuti',
  REJECTION_NOTICE_SENT: 'Preavviso di rigetto inviato',
  REJECTION_NOTICE_RECEIVED: 'Preavviso di rigetto ricevuto dal richiedente',
  OBSERVATIONS_RECEIVED: 'Osservazioni ricevute',
};

const IGNORED_BECAUSE: Record<IgnoredReason, string> = {
  BEFORE_SUBMISSION: 'precede la presentazione della domanda',
  INTEGRATION_SUSPENSION_ALREADY_USED:
    'la sospensione per integrazione documentale si applica una sola volta (art. 2 c.7 L. 241/1990)',
  NO_PENDING_INTEGRATION_REQUEST: 'non c’era una richiesta di integrazione in attesa',
  NO_PENDING_REJECTION_NOTICE: 'non c’era un preavviso di rigetto in attesa',
  OBSERVATIONS_AFTER_WINDOW: 'le osservazioni sono arrivate dopo i 10 giorni concessi',
  TERM_ALREADY_EXPIRED: 'il termine era già scaduto',
};

function startLine(deadline: Deadline, submittedOn: PlainDate): string {
  const { start } = deadline;
  const notCounted = 'quel giorno non si conta (art. 2963 c.c., art. 155 c.p.c.)';
  if (start.event === 'SUBMISSION')
    return `Il termine decorre dalla presentazione della domanda, ${onDate('il', start.on)}: ${notCounted}.`;
  if (start.recorded)
    return `Il termine decorre dall’imputazione della domanda alla quota, ${onDate('il', start.on)}: ${notCounted}.`;
  return (
    'Il termine decorre dall’imputazione della domanda alla quota, non ancora registrata: la scadenza è ' +
    `calcolata in via provvisoria dalla presentazione ${onDate('del', submittedOn)} e il rilascio per ` +
    'silenzio non è possibile.'
  );
}

/** art. 10-bis L. 241/1990: where the applicant's window stands, after the sending day of the notice. */
function windowSentence(suspension: Suspension): string {
  const window = suspension.observationWindow;
  if (!window) return '';
  if (window.observationsOn)
    return (
      ` Osservazioni presentate ${onDate('il', window.observationsOn)}: il termine riprende a decorrere 10 ` +
      'giorni dopo, e quel giorno non si conta.'
    );
  if (!window.receivedOn || !window.lastDay)
    return (
      ' Il ricevimento del preavviso da parte del richiedente non è ancora registrato: i 10 giorni per le ' +
      'osservazioni non sono iniziati e il termine resta sospeso.'
    );
  return (
    ` Preavviso ricevuto ${onDate('il', window.receivedOn)}: le osservazioni si possono presentare fino ` +
    `${onDate('al', window.lastDay)} compreso.`
  );
}

/** Whether the day the term restarts is known while the suspension is still under way. */
const restartKnown = (suspension: Suspension) =>
  !!(suspension.observationWindow?.lastDay || suspension.observationWindow?.observationsOn);

function suspensionLine(suspension: Suspension): string {
  const name = SUSPENSION_NAMES[suspension.kind];
  if (suspension.ongoing && restartKnown(suspension))
    return (
      `Sospensione per ${name} in corso: il termine si ferma ${onDate('dal', suspension.from)} e torna a ` +
      `contare ${onDate('dal', suspension.to)}, ${days(suspension.days)} (${suspension.legalBasis}).` +
      windowSentence(suspension)
    );
  if (suspension.ongoing)
    return (
      `Sospensione per ${name} in corso ${onDate('dal', suspension.from)}: finora ${days(suspension.days)} ` +
      `(${suspension.legalBasis}).${windowSentence(suspension)}`
    );
  const capped = suspension.capped ? ' Applicato il limite massimo previsto dalla legge.' : '';
  return (
    `Sospensione per ${name}: il termine si ferma ${onDate('dal', suspension.from)} e torna a contare ` +
    `${onDate('dal', suspension.to)}, ${days(suspension.days)} (${suspension.legalBasis}).${capped}` +
    windowSentence(suspension)
  );
}

/** The days skipped by a roll-over, with why: "il 15 marzo 2026 è domenica". */
function skippedDays(rollOver: RollOver): string {
  const skipped = rollOver.skipped
    .map(({ date, reason }) =>
      reason === 'domenica' || reason === 'sabato'
        ? `${onDate('il', date)} è ${reason}`
        : `${onDate('il', date)} è festivo (${reason})`,
    )
    .join('; ');
  return `${skipped.charAt(0).toUpperCase()}${skipped.slice(1)}`;
}

/** The last day for observations moved off a Sunday or holiday. */
function windowRollOverLine(rollOver: RollOver): string {
  return (
    `${skippedDays(rollOver)}: l’ultimo giorno per le osservazioni passa al primo giorno non festivo, ` +
    `${withWeekday(rollOver.to)} (art. 2963 c.c., art. 155 c.4 c.p.c.).`
  );
}

function rollOverLine(rollOver: RollOver, last: boolean): string {
  const moved = last
    ? `la scadenza passa al primo giorno non festivo, ${withWeekday(rollOver.to)}`
    : `il termine è ancora in corso ${onDate('il', rollOver.to)}, primo giorno non festivo`;
  return `${skippedDays(rollOver)}: ${moved} (art. 2963 c.c., art. 155 c.4 c.p.c.).`;
}

/** The explanation of a computed due date, with the office's patron-day setting it was computed under. */
export function explainDueDate(
  deadline: Deadline,
  context: { submittedOn: PlainDate; patronDay: { name: string; inLegalTerms: boolean } },
): DueDateExplanation {
  const { patronDay } = context;
  const dated: { on: PlainDate; line: Line }[] = [
    ...deadline.suspensions.map((suspension) => ({
      on: suspension.from,
      line: { topic: 'SUSPENSION' as const, text: suspensionLine(suspension) },
    })),
    ...deadline.suspensions.flatMap((suspension) => {
      const windowRollOver = suspension.observationWindow?.rollOver;
      return windowRollOver
        ? [
            {
              on: windowRollOver.from,
              line: { topic: 'ROLL_OVER' as const, text: windowRollOverLine(windowRollOver) },
            },
          ]
        : [];
    }),
    ...deadline.rollOvers.map((rollOver) => ({
      on: rollOver.from,
      line: {
        topic: 'ROLL_OVER' as const,
        text: rollOverLine(rollOver, rollOver.to.equals(deadline.legalDueDate)),
      },
    })),
  ].sort((a, b) => Temporal.PlainDate.compare(a.on, b.on));
  const lines: Line[] = [
    { topic: 'START', text: startLine(deadline, context.submittedOn) },
    {
      topic: 'TERM',
      text:
        `Termine di ${days(deadline.termDays)} di calendario: ${deadline.legalBasis}; regola in vigore ` +
        `${onDate('dal', Temporal.PlainDate.from(deadline.termValidFrom))}. Senza sospensioni l’ultimo giorno è ` +
        `${onDate('il', deadline.baseDueDate)}.`,
    },
    ...dated.map((entry) => entry.line),
    ...deadline.ignoredEvents.map(({ event, reason }) => ({
      topic: 'IGNORED_EVENT' as const,
      text: `${EVENT_NAMES[event.kind]} ${onDate('del', event.on)}: senza effetto sul termine, perché ${IGNORED_BECAUSE[reason]}.`,
    })),
    {
      topic: 'PATRON_DAY',
      text: patronDay.inLegalTerms
        ? `La festa del santo patrono (${patronDay.name}) è considerata festiva anche per i termini di legge, per scelta dell’ufficio.`
        : `La festa del santo patrono (${patronDay.name}) non sposta i termini di legge: gli sportelli restano chiusi, ma il termine corre (scelta dell’ufficio).`,
    },
    {
      topic: 'DUE_DATE',
      text:
        `Scadenza di legge: ${withWeekday(deadline.legalDueDate)}` +
        (deadline.suspendedDays > 0 ? `, dopo ${days(deadline.suspendedDays)} di sospensione.` : '.'),
    },
  ];
  return {
    start: {
      event: deadline.start.event,
      on: deadline.start.on.toString(),
      recorded: deadline.start.recorded,
    },
    term: { days: deadline.termDays, legalBasis: deadline.legalBasis, validFrom: deadline.termValidFrom },
    baseDueDate: deadline.baseDueDate.toString(),
    rollOvers: deadline.rollOvers.map((rollOver) => ({
      from: rollOver.from.toString(),
      to: rollOver.to.toString(),
      skipped: rollOver.skipped.map(({ date, reason }) => ({ date: date.toString(), reason })),
    })),
    patronDay,
    lines,
  };
}
