/**
 * The pure rules of procurement files: the code of public contracts in force on the day of the decision to
 * contract, the CIG, the flags a file raises against the thresholds, the legal expert's checklist and what
 * makes a check acceptable, and what an unchecked file means for the expenses paid under it.
 */
import type {
  ProcurementAnswer,
  ProcurementCode,
  ProcurementKind,
  ProcurementOutcome,
  ProcurementProcedure,
} from '../../../db/tables/project-procurement.ts';
import { formatEuro } from '../finance/contract.ts';
import { italianDay } from '../finance/rules.ts';

type Fault = { path: string; message: string };

/** The day D.Lgs. 50/2016 came into force: older procedures fell under D.Lgs. 163/2006, not handled here. */
export const FIRST_DAY = '2016-04-19';
/** The day D.Lgs. 36/2023 took effect (art. 229, c. 2): decisions to contract from then fall under it. */
export const NEW_CODE_FROM = '2023-07-01';

/** The code of public contracts a procedure falls under, by the day of its decision to contract. */
export function codeInForce(decisionOn: string): ProcurementCode {
  return decisionOn < NEW_CODE_FROM ? 'DLGS_50_2016' : 'DLGS_36_2023';
}

/** The procedures each kind of file may follow. */
export function proceduresFor(kind: ProcurementKind): ProcurementProcedure[] {
  return kind === 'INDIVIDUAL' ? ['PUBLIC_NOTICE', 'DIRECT_AWARD'] : ['DIRECT_AWARD', 'NEGOTIATED', 'OPEN'];
}

export type FileFields = {
  subject: string;
  kind: ProcurementKind;
  procedure: ProcurementProcedure;
  cig: string | null;
  amountCents: number;
  decisionOn: string;
  contractOn: string | null;
};

/**
 * What refuses a file, field by field: a procedure the kind cannot follow, a CIG on an individual assignment,
 * dates in the future or out of order, a decision older than D.Lgs. 50/2016, a runner who is not a partner.
 */
export function fileFaults(
  input: FileFields & { organisationId: string },
  context: { partners: readonly string[]; today: string },
): Fault[] {
  const faults: Fault[] = [];
  if (!context.partners.includes(input.organisationId))
    faults.push({
      path: 'organisationId',
      message: 'L’ente che svolge la procedura deve essere un partner del progetto',
    });
  if (!proceduresFor(input.kind).includes(input.procedure))
    faults.push({
      path: 'procedure',
      message:
        input.kind === 'INDIVIDUAL'
          ? 'Un incarico individuale si conferisce con selezione comparativa o, nei casi ammessi, direttamente'
          : 'La selezione con avviso pubblico è per gli incarichi individuali: scegliere la procedura di affidamento',
    });
  if (input.kind === 'INDIVIDUAL' && input.cig !== null)
    faults.push({ path: 'cig', message: 'Gli incarichi individuali esterni non hanno un CIG' });
  if (input.decisionOn > context.today)
    faults.push({ path: 'decisionOn', message: 'La data della decisione a contrarre non può essere futura' });
  else if (input.decisionOn < FIRST_DAY)
    faults.push({
      path: 'decisionOn',
      message: `Le procedure decise prima del ${italianDay(FIRST_DAY)} seguono il D.Lgs. 163/2006, che qui non è gestito`,
    });
  if (input.contractOn !== null && input.contractOn > context.today)
    faults.push({ path: 'contractOn', message: 'La data del contratto non può essere futura' });
  else if (input.contractOn !== null && input.contractOn < input.decisionOn)
    faults.push({ path: 'contractOn', message: 'Il contratto non può precedere la decisione a contrarre' });
  return faults;
}

export type Threshold = { scope: 'WORKS' | 'SUPPLIES_SERVICES'; limitCents: number; source: string };

/**
 * The thresholds of a code in force on a day: for each scope, the newest row of that code from that day or
 * before. `rows` come newest first.
 */
export function thresholdsInForce(
  rows: readonly (Threshold & { code: ProcurementCode; validFrom: string })[],
  code: ProcurementCode,
  day: string,
): Threshold[] {
  const found: Threshold[] = [];
  for (const row of rows)
    if (row.code === code && row.validFrom <= day && !found.some((t) => t.scope === row.scope))
      found.push({ scope: row.scope, limitCents: row.limitCents, source: row.source });
  return found;
}

/** The threshold that applies to a file's kind, among those in force on its decision day. */
export function thresholdFor(kind: ProcurementKind, thresholds: readonly Threshold[]): Threshold | null {
  if (kind === 'INDIVIDUAL') return null;
  const scope = kind === 'WORKS' ? 'WORKS' : 'SUPPLIES_SERVICES';
  return thresholds.find((t) => t.scope === scope) ?? null;
}

export type Flag = {
  rule: 'DIRECT_AWARD_THRESHOLD' | 'COMPARATIVE_SELECTION' | 'CIG_MISSING';
  message: string;
};

/**
 * What the legal expert should look at first, computed from the amount and the code in force: these do not
 * refuse the file (the facts are what they are) but stay shown until the file changes.
 */
export function fileFlags(file: FileFields, threshold: Threshold | null): Flag[] {
  const flags: Flag[] = [];
  if (file.procedure === 'DIRECT_AWARD' && threshold && file.amountCents >= threshold.limitCents)
    flags.push({
      rule: 'DIRECT_AWARD_THRESHOLD',
      message: `L’affidamento diretto è ammesso sotto ${formatEuro(threshold.limitCents)} netti (${threshold.source}): per ${formatEuro(file.amountCents)} serve una procedura negoziata o aperta`,
    });
  if (file.kind === 'INDIVIDUAL' && file.procedure !== 'PUBLIC_NOTICE')
    flags.push({
      rule: 'COMPARATIVE_SELECTION',
      message:
        'Un incarico individuale esterno si conferisce di regola con una selezione comparativa pubblica (art. 7, c. 6-bis D.Lgs. 165/2001): motivare l’eccezione',
    });
  if (file.kind !== 'INDIVIDUAL' && file.cig === null)
    flags.push({
      rule: 'CIG_MISSING',
      message: 'Manca il CIG: va acquisito prima dell’affidamento (L. 136/2010)',
    });
  return flags;
}

/** Whether a change of the file undoes its check: the amount, the CIG, the kind or the procedure. */
export function changesUndoCheck(before: FileFields, after: FileFields): boolean {
  return (
    before.amountCents !== after.amountCents ||
    before.cig !== after.cig ||
    before.kind !== after.kind ||
    before.procedure !== after.procedure
  );
}

type ChecklistItem = { item: string; label: string; for: 'ALL' | 'CONTRACT' | 'INDIVIDUAL' };

/** The legal expert's checklist, as data: each item is answered yes, no or not applicable, with a note. */
export const CHECKLIST: readonly ChecklistItem[] = [
  { item: 'DETERMINATION', for: 'ALL', label: 'Determina o decisione a contrarre presente e motivata' },
  { item: 'CIG', for: 'CONTRACT', label: 'CIG acquisito e riportato negli atti e nelle fatture' },
  {
    item: 'PROCEDURE',
    for: 'ALL',
    label: 'Procedura coerente con l’importo e con il codice dei contratti in vigore alla decisione',
  },
  {
    item: 'SELECTION',
    for: 'CONTRACT',
    label: 'Principio di rotazione rispettato e criteri di scelta dell’operatore motivati',
  },
  {
    item: 'REQUIREMENTS',
    for: 'CONTRACT',
    label: 'Requisiti dell’operatore verificati (DURC, requisiti generali e speciali)',
  },
  { item: 'TRACEABILITY', for: 'CONTRACT', label: 'Tracciabilità dei flussi finanziari (conto dedicato)' },
  { item: 'NOTICE', for: 'INDIVIDUAL', label: 'Avviso pubblico di selezione pubblicato' },
  { item: 'CV_COMPARISON', for: 'INDIVIDUAL', label: 'Comparazione dei curricula documentata da un verbale' },
  {
    item: 'INCOMPATIBILITY',
    for: 'INDIVIDUAL',
    label: 'Assenza di incompatibilità e di conflitti di interesse dichiarata',
  },
  {
    item: 'ART7',
    for: 'INDIVIDUAL',
    label:
      'Presupposti dell’art. 7, c. 6 D.Lgs. 165/2001: esigenza temporanea, alta qualificazione, oggetto, durata e compenso determinati',
  },
  { item: 'CONTRACT', for: 'ALL', label: 'Contratto o lettera d’incarico firmato' },
];

/** The checklist items that apply to a kind of file, in order. */
export function checklistFor(kind: ProcurementKind): ChecklistItem[] {
  const family = kind === 'INDIVIDUAL' ? 'INDIVIDUAL' : 'CONTRACT';
  return CHECKLIST.filter((c) => c.for === 'ALL' || c.for === family);
}

export type CheckInput = {
  outcome: ProcurementOutcome;
  notes?: string | null;
  checkedOn: string;
  items: readonly { item: string; answer: ProcurementAnswer; note?: string | null }[];
};

/**
 * What refuses a check: every item of the file's checklist answered once and nothing else; a «No» explained
 * in its note; a positive outcome without a «No»; remarks and a negative outcome explained in the notes; a day
 * neither future nor before the decision to contract.
 */
export function checkFaults(
  input: CheckInput,
  context: { kind: ProcurementKind; decisionOn: string; today: string },
): Fault[] {
  const faults: Fault[] = [];
  const expected = checklistFor(context.kind);
  input.items.forEach((answer, index) => {
    if (!expected.some((e) => e.item === answer.item))
      faults.push({
        path: `items.${index}.item`,
        message: 'Questa voce non fa parte della lista di controllo della procedura',
      });
    else if (input.items.findIndex((other) => other.item === answer.item) !== index)
      faults.push({ path: `items.${index}.item`, message: 'Voce ripetuta' });
    else if (answer.answer === 'NO' && !answer.note)
      faults.push({ path: `items.${index}.note`, message: 'Spiegare nella nota perché la risposta è «No»' });
  });
  for (const item of expected)
    if (!input.items.some((a) => a.item === item.item))
      faults.push({ path: `items.${item.item}`, message: `Rispondere alla voce «${item.label}»` });
  if (input.outcome === 'POSITIVE' && input.items.some((a) => a.answer === 'NO'))
    faults.push({
      path: 'outcome',
      message: 'Con una risposta «No» l’esito non può essere positivo senza rilievi',
    });
  if (input.outcome !== 'POSITIVE' && !input.notes)
    faults.push({
      path: 'notes',
      message:
        input.outcome === 'NEGATIVE'
          ? 'Spiegare nelle note perché l’esito è negativo'
          : 'Scrivere i rilievi nelle note',
    });
  if (input.checkedOn > context.today)
    faults.push({ path: 'checkedOn', message: 'La data della verifica non può essere futura' });
  else if (input.checkedOn < context.decisionOn)
    faults.push({ path: 'checkedOn', message: 'La verifica non può precedere la decisione a contrarre' });
  return faults;
}

/** Whether a check's outcome lets the expenses under the file be claimed. */
export const isPositive = (outcome: ProcurementOutcome | null) =>
  outcome === 'POSITIVE' || outcome === 'POSITIVE_WITH_REMARKS';

/** «La procedura «Servizio di grafica» (CIG 1234567890)». */
export function fileName(file: { subject: string; cig: string | null }): string {
  return `La procedura «${file.subject}»${file.cig ? ` (CIG ${file.cig})` : ''}`;
}

/** Why an expense under the file cannot be claimed yet, or null when the file's current check is positive. */
export function blockingMessage(file: {
  subject: string;
  cig: string | null;
  outcome: ProcurementOutcome | null;
}): string | null {
  if (isPositive(file.outcome)) return null;
  if (file.outcome === 'NEGATIVE')
    return `${fileName(file)} ha avuto esito negativo alla verifica dell’esperto legale`;
  return `${fileName(file)} non è ancora stata verificata dall’esperto legale`;
}

/** Why an expense cannot be linked to the file, or null. */
export function linkFault(
  file: { projectId: string; organisationId: string; cig: string | null },
  expense: { projectId: string; organisationId: string; cig: string | null; claimId: string | null },
): string | null {
  if (expense.projectId !== file.projectId) return 'La spesa è di un altro progetto';
  if (expense.organisationId !== file.organisationId)
    return 'La spesa è di un ente diverso da quello che ha svolto la procedura';
  if (expense.claimId !== null) return 'La spesa è già in una domanda di rimborso: non si collega più';
  if (expense.cig !== null && file.cig !== null && expense.cig !== file.cig)
    return `Il CIG della spesa (${expense.cig}) è diverso da quello della procedura (${file.cig})`;
  return null;
}

/**
 * Why a document cannot be taken off a file, or null when it can: the legal expert's positive check was made on
 * the documents as they were, and an expense paid under the file and claimed rests on them.
 */
export function documentRemovalRefusal(
  outcome: ProcurementOutcome | null,
  claimedExpenses: number,
): string | null {
  if (isPositive(outcome))
    return 'La procedura è stata verificata con esito positivo dall’esperto legale: i documenti verificati non si tolgono. Si aggiunge il documento corretto.';
  if (claimedExpenses > 0)
    return 'Una spesa della procedura è già in una domanda di rimborso: i documenti della procedura non si tolgono più.';
  return null;
}
