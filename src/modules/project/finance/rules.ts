/**
 * The budget's and the expenses' rules, without I/O: the rulebook's caps on a budget version, what makes an
 * expense refused outright, and the eligibility checks that flag an expense until it is put right.
 */
import { Temporal } from 'temporal-polyfill';
import { CHECKS, type CheckRule, formatEuro, LINE_CODES, type LineCode } from './contract.ts';

type Fault = { path: string; message: string };

/** One cap of a rulebook: the sum of `lines` is at most `maxBasisPoints` / 10 000 of the direct costs. */
export type Cap = { code: string; subject: string; lines: readonly string[]; maxBasisPoints: number };

/** What a programme's rulebook asks of every expense. */
export type Rulebook = { cupRequired: boolean; cashLimitCents: number };

/** The indirect costs: a flat rate on the direct costs, never documented by expenses of their own. */
export const INDIRECT: LineCode = 'I';

type Line = { code: string; amountCents: number };

export const sumOf = (amounts: readonly number[]) => amounts.reduce((sum, amount) => sum + amount, 0);

/** The direct costs (every line but the indirect ones) and the indirect costs of a budget. */
export function budgetTotals(lines: readonly Line[]) {
  const indirectCents = sumOf(lines.filter((l) => l.code === INDIRECT).map((l) => l.amountCents));
  const totalCents = sumOf(lines.map((l) => l.amountCents));
  return { directCents: totalCents - indirectCents, indirectCents, totalCents };
}

/** A share in hundredths of a per cent, as Italians write it: 700 → «7», 250 → «2,5». */
export const percent = (basisPoints: number) => String(basisPoints / 100).replace('.', ',');

/** The most a cap allows on these direct costs, rounded down to the cent. */
export const capLimit = (cap: Cap, directCents: number) =>
  Math.floor((directCents * cap.maxBasisPoints) / 10_000);

/** Each cap against a budget: the amount it covers, its limit and whether it holds. */
export function capStatus(lines: readonly Line[], caps: readonly Cap[]) {
  const { directCents } = budgetTotals(lines);
  return caps.map((cap) => {
    const amountCents = sumOf(lines.filter((l) => cap.lines.includes(l.code)).map((l) => l.amountCents));
    const limitCents = capLimit(cap, directCents);
    return { ...cap, lines: [...cap.lines], limitCents, amountCents, ok: amountCents <= limitCents };
  });
}

/** The message of a broken cap, naming it: «Le spese per l’esperto legale (G2) superano il 2 % …». */
export const capMessage = (cap: Cap, limitCents: number) =>
  `${cap.subject} superano il ${percent(cap.maxBasisPoints)} % dei costi diretti: massimo ${formatEuro(limitCents)}`;

/** The caps a budget breaks, each on the first line it covers. */
export function capFaults(lines: readonly Line[], caps: readonly Cap[]): Fault[] {
  return capStatus(lines, caps)
    .filter((cap) => !cap.ok)
    .map((cap) => ({
      path: `lines.${lines.findIndex((l) => cap.lines.includes(l.code))}.amountCents`,
      message: capMessage(cap, cap.limitCents),
    }));
}

/**
 * A macro-voce a rulebook makes mandatory: always (no trigger kinds), or once the project has a procurement file
 * of one of the trigger kinds.
 */
export type RequiredLine = {
  code: string;
  subject: string;
  triggerKinds: readonly string[] | null;
  source: string;
};

const PROCUREMENT_WORDS: Record<string, string> = {
  SUPPLIES: 'acquisti di forniture',
  SERVICES: 'acquisti di servizi',
  WORKS: 'lavori',
  INDIVIDUAL: 'incarichi individuali esterni',
};

/** «a», «a e b», «a, b e c». */
const listed = (words: readonly string[]) =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} e ${words.at(-1)}`;

/**
 * The mandatory macro-voci a budget lacks (absent, or at zero), each message naming its rule: «Il revisore
 * indipendente (G1) è obbligatorio: il budget deve prevederne la voce (Allegato 5 – Budget, FAMI 2014-2020)».
 */
export function missingLines(
  lines: readonly Line[],
  required: readonly RequiredLine[],
  procurementKinds: ReadonlySet<string>,
): string[] {
  return required.flatMap((rule) => {
    const present = sumOf(lines.filter((l) => l.code === rule.code).map((l) => l.amountCents)) > 0;
    const triggers = (rule.triggerKinds ?? []).filter((kind) => procurementKinds.has(kind));
    if (present || (rule.triggerKinds !== null && triggers.length === 0)) return [];
    const because =
      rule.triggerKinds === null
        ? ''
        : ` perché il progetto ha ${listed(triggers.map((kind) => PROCUREMENT_WORDS[kind] ?? kind))}`;
    return [`${rule.subject} è obbligatorio${because}: il budget deve prevederne la voce (${rule.source})`];
  });
}

type BudgetLineInput = {
  code: string;
  description?: string | null;
  organisationId: string;
  amountCents: number;
};
type Revision = {
  lines: readonly BudgetLineInput[];
  reason?: string | null;
  approvedOn?: string | null;
  approvalReference?: string | null;
};

const day = (value: string) => Temporal.PlainDate.from(value);
const after = (a: string, b: string) => Temporal.PlainDate.compare(day(a), day(b)) > 0;

const LONG_DAY = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * «12 marzo 2026». One formatter for every day: a claim names thousands of documents, and a formatter made per
 * call holds native memory until it is collected.
 */
export const italianDay = (value: string) => LONG_DAY.format(new Date(`${value}T00:00:00Z`));

/**
 * What is wrong with a budget version, field by field: a re-modulation (any version after the first) needs the
 * Managing Authority's approval; every line belongs to a partner, once; the rulebook's caps hold; the macro-voci
 * it makes mandatory are there.
 */
export function budgetFaults(
  input: Revision,
  context: {
    isInitial: boolean;
    partners: readonly string[];
    caps: readonly Cap[];
    required: readonly RequiredLine[];
    procurementKinds: ReadonlySet<string>;
    today: string;
  },
): Fault[] {
  const faults: Fault[] = [];
  if (!context.isInitial) {
    if (!input.reason) faults.push({ path: 'reason', message: 'Indicare il motivo della rimodulazione' });
    if (!input.approvedOn)
      faults.push({ path: 'approvedOn', message: 'Indicare la data di approvazione dell’Autorità' });
    else if (after(input.approvedOn, context.today))
      faults.push({ path: 'approvedOn', message: 'La data di approvazione non può essere nel futuro' });
    if (!input.approvalReference)
      faults.push({ path: 'approvalReference', message: 'Indicare gli estremi dell’atto di approvazione' });
  }
  const seen = new Set<string>();
  input.lines.forEach((line, index) => {
    if (!context.partners.includes(line.organisationId))
      faults.push({
        path: `lines.${index}.organisationId`,
        message: 'L’ente non è partner del progetto',
      });
    const key = `${line.code}|${line.organisationId}|${(line.description ?? '').toLowerCase()}`;
    if (seen.has(key))
      faults.push({
        path: `lines.${index}.description`,
        message: `La voce ${line.code} di questo partner è già indicata: distinguerla con una descrizione`,
      });
    seen.add(key);
  });
  const missing = missingLines(input.lines, context.required, context.procurementKinds);
  return [
    ...faults,
    ...capFaults(input.lines, context.caps),
    ...missing.map((message) => ({ path: 'lines', message })),
  ];
}

export type ExpenseFacts = {
  organisationId: string;
  lineCode: LineCode;
  workPackageId?: string | null;
  documentType: string;
  documentDate: string;
  netCents: number;
  vatCents: number;
  totalCents: number;
  amountCents: number;
  cup?: string | null;
  paymentDate?: string | null;
  paymentMethod?: string | null;
  paymentReference?: string | null;
  annulled: boolean;
  status: 'DRAFT' | 'COMPLETE';
};

type Period = { startsOn: string; endsOn: string };

/** Whether a day falls in the project's period; the message when it does not. */
export function periodFault(documentDate: string, project: Period): string | null {
  if (!after(project.startsOn, documentDate) && !after(documentDate, project.endsOn)) return null;
  return `La data del documento (${italianDay(documentDate)}) è fuori dal periodo del progetto (dal ${italianDay(
    project.startsOn,
  )} al ${italianDay(project.endsOn)})`;
}

/**
 * What refuses an expense outright, field by field: a date outside the project or to come, amounts that do
 * not add up, a partner or a work package not of the project, a charge to the flat-rate indirect costs, a
 * payment half described, and a complete expense without its supporting document attached.
 */
export function expenseFaults(
  expense: ExpenseFacts,
  context: {
    project: Period;
    partners: readonly string[];
    workPackages: readonly string[];
    today: string;
    hasDocument: boolean;
  },
): Fault[] {
  const faults: Fault[] = [];
  const outside = periodFault(expense.documentDate, context.project);
  if (outside) faults.push({ path: 'documentDate', message: outside });
  else if (after(expense.documentDate, context.today))
    faults.push({ path: 'documentDate', message: 'La data del documento non può essere nel futuro' });
  if (expense.totalCents !== expense.netCents + expense.vatCents)
    faults.push({
      path: 'totalCents',
      message: `Il totale deve essere imponibile più IVA: ${formatEuro(expense.netCents + expense.vatCents)}`,
    });
  if (expense.amountCents <= 0)
    faults.push({ path: 'amountCents', message: 'Indicare l’importo imputato al progetto' });
  else if (expense.amountCents > expense.totalCents)
    faults.push({
      path: 'amountCents',
      message: `L’importo imputato non può superare il totale del documento (${formatEuro(expense.totalCents)})`,
    });
  if (!context.partners.includes(expense.organisationId))
    faults.push({ path: 'organisationId', message: 'L’ente non è partner del progetto' });
  if (expense.workPackageId && !context.workPackages.includes(expense.workPackageId))
    faults.push({ path: 'workPackageId', message: 'Il work package non è di questo progetto' });
  if (expense.lineCode === INDIRECT)
    faults.push({
      path: 'lineCode',
      message: 'I costi indiretti sono forfettari: non si imputano spese alla voce I',
    });
  faults.push(...paymentFaults(expense, context.today));
  if (expense.status === 'COMPLETE' && !context.hasDocument)
    faults.push({
      path: 'status',
      message: 'Allegare il giustificativo prima di segnare la spesa come completa',
    });
  return faults;
}

function paymentFaults(expense: ExpenseFacts, today: string): Fault[] {
  const given = [expense.paymentDate, expense.paymentMethod, expense.paymentReference].filter(Boolean);
  const faults: Fault[] = [];
  if (given.length > 0 && given.length < 3) {
    if (!expense.paymentDate) faults.push({ path: 'paymentDate', message: 'Indicare la data del pagamento' });
    if (!expense.paymentMethod)
      faults.push({ path: 'paymentMethod', message: 'Indicare il mezzo di pagamento' });
    if (!expense.paymentReference)
      faults.push({
        path: 'paymentReference',
        message: 'Indicare il riferimento del pagamento (CRO, TRN, numero della quietanza)',
      });
  }
  if (expense.paymentDate && after(expense.paymentDate, today))
    faults.push({ path: 'paymentDate', message: 'La data del pagamento non può essere nel futuro' });
  return faults;
}

/** A document already charged (in this project or another) under the same supplier, number and date. */
export type EarlierCharge = { amountCents: number; acronym: string };

/** The double-funding refusal: the document's total is charged more than once over; null when it is not. */
export function doubleFundingFault(
  expense: { amountCents: number; totalCents: number },
  earlier: readonly EarlierCharge[],
): string | null {
  const chargedCents = sumOf(earlier.map((e) => e.amountCents));
  if (earlier.length === 0 || chargedCents + expense.amountCents <= expense.totalCents) return null;
  const projects = [...new Set(earlier.map((e) => e.acronym))].join(', ');
  return (
    `Doppio finanziamento: il documento è già imputato per ${formatEuro(chargedCents)} (${projects}); ` +
    `con questa spesa si supera il suo totale di ${formatEuro(expense.totalCents)}`
  );
}

/** Documents that carry the project's CUP: those a supplier issues for the project's goods and services. */
const CARRY_CUP = new Set(['INVOICE', 'NOTULA']);

export type Check = { rule: CheckRule; label: string; ok: boolean; message: string };

const check = (rule: CheckRule, ok: boolean, message: string): Check => ({
  rule,
  label: CHECKS[rule],
  ok,
  message,
});

/**
 * The eligibility checks of a stored expense, each with its message: they do not refuse the expense, but a
 * claim takes only one whose checks all pass.
 */
export function expenseChecks(
  expense: ExpenseFacts,
  context: {
    project: Period & { cup: string | null };
    rulebook: Rulebook;
    /** The partner's budget for the macro-voce in the current version; null when there is none. */
    lineBudgetCents: number | null;
    /** What every expense of the partner charged to the macro-voce adds up to, this one included. */
    lineChargedCents: number;
    organisationName: string;
    /** What other expenses charge of the same document. */
    earlier: readonly EarlierCharge[];
  },
): Check[] {
  const outside = periodFault(expense.documentDate, context.project);
  return [
    check('PERIOD', outside === null, outside ?? 'La data del documento cade nel periodo del progetto'),
    paymentCheck(expense, context.rulebook),
    cupCheck(expense, context.project.cup, context.rulebook),
    lineCheck(expense.lineCode, context),
    check(
      'STAMP',
      expense.annulled,
      expense.annulled
        ? 'Il documento originale porta il timbro di annullo'
        : 'Apporre sul documento originale il timbro di annullo con il riferimento al progetto',
    ),
    doubleFundingCheck(expense, context.earlier),
  ];
}

function paymentCheck(expense: ExpenseFacts, rulebook: Rulebook): Check {
  if (!expense.paymentDate || !expense.paymentMethod || !expense.paymentReference)
    return check('PAYMENT', false, 'Manca la prova del pagamento: data, mezzo e riferimento');
  if (expense.paymentMethod === 'CASH' && expense.amountCents > rulebook.cashLimitCents)
    return check(
      'PAYMENT',
      false,
      `Un pagamento in contanti oltre ${formatEuro(rulebook.cashLimitCents)} non è tracciabile: serve un bonifico o un altro mezzo tracciabile`,
    );
  return check('PAYMENT', true, `Pagato il ${italianDay(expense.paymentDate)}`);
}

function cupCheck(expense: ExpenseFacts, projectCup: string | null, rulebook: Rulebook): Check {
  if (!rulebook.cupRequired || !CARRY_CUP.has(expense.documentType))
    return check('CUP', true, 'Per questo documento il CUP non è richiesto');
  if (!expense.cup) return check('CUP', false, 'Il documento deve riportare il CUP del progetto');
  if (projectCup === null)
    return check('CUP', false, 'Il progetto non ha un CUP: indicarlo nella scheda del progetto');
  if (expense.cup !== projectCup)
    return check('CUP', false, `Il CUP del documento non è quello del progetto (${projectCup})`);
  return check('CUP', true, 'Il documento riporta il CUP del progetto');
}

function lineCheck(
  code: LineCode,
  context: { lineBudgetCents: number | null; lineChargedCents: number; organisationName: string },
): Check {
  const line = `${code} – ${LINE_CODES[code]}`;
  if (context.lineBudgetCents === null)
    return check('LINE', false, `La voce ${line} non è nel budget vigente di ${context.organisationName}`);
  if (context.lineChargedCents > context.lineBudgetCents)
    return check(
      'LINE',
      false,
      `La voce ${line} di ${context.organisationName} è superata: imputati ${formatEuro(
        context.lineChargedCents,
      )} su ${formatEuro(context.lineBudgetCents)} previsti`,
    );
  return check(
    'LINE',
    true,
    `Imputati ${formatEuro(context.lineChargedCents)} su ${formatEuro(context.lineBudgetCents)} previsti`,
  );
}

function doubleFundingCheck(
  expense: { amountCents: number; totalCents: number },
  earlier: readonly EarlierCharge[],
): Check {
  const fault = doubleFundingFault(expense, earlier);
  if (fault) return check('DOUBLE_FUNDING', false, fault);
  return check(
    'DOUBLE_FUNDING',
    true,
    earlier.length === 0
      ? 'Il documento non è imputato altrove'
      : `Il documento è imputato anche altrove, entro il suo totale`,
  );
}

/** Whether a claim may take the expense: complete, with every check passed. */
export const isClaimable = (status: string, checks: readonly Check[]) =>
  status === 'COMPLETE' && checks.every((c) => c.ok);
