/**
 * The documents a case ends with: the nulla osta and the decree of rejection. An action with an outcome
 * records its data in the action's transaction; the PDF is printed from those data whenever asked, the same
 * bytes every time, with the verification code that `/verifica/<code>` checks.
 */
import type { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../kernel/auth.ts';
import { NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { type DocumentSection, newVerificationCode, renderOfficialDocument } from '../../../kernel/pdf.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import type { OutcomeView } from '../contract.ts';
import * as documents from '../documents/store.ts';
import { type Action, type CaseTypeVersion, validUntil } from '../law/definitions.ts';
import { caseTypes } from '../law/registry.ts';
import * as store from '../store.ts';
import { NOTICE_RECEIPT_CHANNELS, type NoticeReceiptChannel, type RejectionNoticeView } from './contract.ts';
import { verificationUrl } from './receipts.ts';
import type { ObservationWindow } from './rules.ts';
import { findOrganisationName } from './store.ts';

type Db = Parameters<typeof documents.insertOutcome>[0];
type OutcomeRow = Awaited<ReturnType<typeof documents.caseOutcomes>>[number];
type PartyRow = Awaited<ReturnType<typeof store.caseParties>>[number];
type Row = [label: string, value: string];

/** The suffix an outcome's number adds to the case number: `LO-2026-000123/NO`. */
const NUMBER_SUFFIXES: Record<string, string> = { CLEARANCE: 'NO', REJECTION_DECREE: 'RD' };

export const outcomeNumber = (caseNumber: string, code: string) =>
  `${caseNumber}/${NUMBER_SUFFIXES[code] ?? code}`;

/** Records the outcome an action produces, in the action's transaction. */
export async function recordOutcome(
  db: Db,
  input: {
    caseFile: { id: string; number: string };
    definition: CaseTypeVersion;
    code: string;
    action: Action;
    reason: string | null;
    issuedOn: Temporal.PlainDate;
    now: Date;
    issuedBy: string;
  },
): Promise<OutcomeRow> {
  const outcome = input.definition.outcomes.find((candidate) => candidate.code === input.code);
  if (!outcome) throw new RangeError(`definition ${input.definition.code} has no outcome ${input.code}`);
  return documents.insertOutcome(db, {
    id: newId(),
    caseId: input.caseFile.id,
    code: outcome.code,
    label: outcome.label,
    action: input.action,
    number: outcomeNumber(input.caseFile.number, outcome.code),
    verificationCode: newVerificationCode(),
    issuedOn: input.issuedOn.toString(),
    validUntil: validUntil(outcome, input.issuedOn)?.toString() ?? null,
    reason: input.reason,
    issuedBy: input.issuedBy,
    createdAt: input.now,
  });
}

export function outcomeViewOf(row: OutcomeRow): OutcomeView {
  return {
    id: row.id,
    code: row.code,
    label: row.label,
    number: row.number,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    verificationCode: row.verificationCode,
    pdfUrl: `/api/cases/${row.caseId}/outcomes/${row.id}/pdf`,
  };
}

/** The event of the case timeline that records a notice's receipt. */
export const NOTICE_RECEIPT_EVENT = 'NOTICE_RECEIPT_RECORDED';

type ReceiptRow = { receivedOn: string; channel: string; evidenceDocumentId: string; fileName: string };

/** What the case page shows of the latest notice: its window for observations and its receipt, if recorded. */
export function rejectionNoticeViewOf(
  caseId: string,
  window: ObservationWindow,
  receipt: ReceiptRow | undefined,
): RejectionNoticeView | null {
  if (window.state === 'NO_NOTICE') return null;
  const received =
    receipt && window.state !== 'AWAITING_RECEIPT' && receipt.receivedOn >= window.sentOn.toString()
      ? receipt
      : undefined;
  return {
    state: window.state,
    sentOn: window.sentOn.toString(),
    lastDayForObservations: 'lastDay' in window ? window.lastDay.toString() : null,
    receipt: received
      ? {
          receivedOn: received.receivedOn,
          channel: received.channel,
          channelLabel: NOTICE_RECEIPT_CHANNELS[received.channel as NoticeReceiptChannel] ?? received.channel,
          evidence: {
            id: received.evidenceDocumentId,
            fileName: received.fileName,
            url: `/api/cases/${caseId}/documents/${received.evidenceDocumentId}`,
          },
        }
      : null,
  };
}

const LONG_DATE = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const longDate = (day: string) => LONG_DATE.format(new Date(`${day}T00:00:00Z`));
const COUNTRIES = new Intl.DisplayNames(['it'], { type: 'region' });
const countryName = (code: string) => {
  try {
    return COUNTRIES.of(code) ?? code;
  } catch {
    return code;
  }
};

/** A legal basis as printed: without the project's research marks (`[V]`, `[P …]`) or notes on what is unverified. */
export function printedCitation(legalBasis: string): string {
  return legalBasis
    .split(';')
    .map((part) => part.replace(/\s*\[[VPU][^\]]*\]/g, '').trim())
    .filter((part) => part && !/non verificat/i.test(part))
    .join('; ');
}

function partyRows(party: PartyRow): Row[] {
  if (party.employerId)
    return [
      ['Denominazione', party.employerName ?? ''],
      ['Codice fiscale', party.employerFiscalCode ?? ''],
      ['Sede', party.employerAddress ?? ''],
    ];
  const rows: Row[] = [
    ['Cognome', (party.surname ?? '').toUpperCase()],
    ['Nome', party.givenName ?? ''],
    ['Nato/a il', `${party.birthDate ? longDate(party.birthDate) : ''} a ${party.birthPlace ?? ''}`],
    ['Cittadinanza', countryName(party.citizenship ?? '')],
  ];
  if (party.passportNumber) rows.push(['Passaporto n.', party.passportNumber]);
  if (party.personFiscalCode) rows.push(['Codice fiscale', party.personFiscalCode]);
  return rows;
}

/** The body of the document: what it grants or refuses, on which grounds, until when, and how to appeal. */
function decisionSections(outcome: OutcomeRow, definition: CaseTypeVersion): DocumentSection[] {
  const rule = definition.outcomes.find((candidate) => candidate.code === outcome.code);
  const favourable = rule?.favourable !== false;
  const references = [
    definition.legalReference,
    rule?.legalReference,
    // the term and its tacit approval are what a clearance rests on; a decree rests on its reasons
    favourable ? printedCitation(definition.term.legalBasis) : undefined,
  ].filter((reference, index, all): reference is string => !!reference && all.indexOf(reference) === index);
  const sections: DocumentSection[] = [{ heading: 'Riferimenti normativi', paragraphs: references }];
  if (!favourable) {
    sections.push({ heading: 'Motivazione', paragraphs: [outcome.reason ?? ''] });
  } else {
    const paragraphs: string[] = [];
    // art. 22 c.5.01 TUI: once the term passes without ostative findings the clearance is due
    if (outcome.action === 'ISSUE_BY_SILENCE')
      paragraphs.push(
        'Rilasciato per decorso del termine del procedimento in assenza di elementi ostativi, ' +
          'ai sensi dell’art. 22 c.5.01 D.Lgs. 286/1998.',
      );
    if (outcome.reason) paragraphs.push(outcome.reason);
    if (paragraphs.length) sections.push({ heading: 'Disposizioni', paragraphs });
  }
  if (rule?.appeal) sections.push({ heading: 'Ricorso', paragraphs: [rule.appeal] });
  return sections;
}

/** The PDF of an outcome, printed from its data; the read is audited (it carries the parties' data). */
export async function outcomePdf(
  platform: Platform,
  caller: Caller,
  caseId: string,
  outcomeId: string,
): Promise<{ number: string; pdf: Uint8Array }> {
  const actor = caller.actor;
  if (!actor) throw new NotFound();
  const { db } = platform.database;
  const outcome = await documents.findOutcome(db, actor.organisationId, caseId, outcomeId);
  const caseFile = outcome && (await store.findCase(db, actor.organisationId, caseId));
  if (!outcome || !caseFile) throw new NotFound('Il provvedimento non esiste o non è accessibile.');
  const definition = (await caseTypes(platform.database, platform.clock)).version(
    caseFile.typeCode,
    caseFile.typeValidFrom,
  );
  const [parties, organisationName] = await Promise.all([
    store.caseParties(db, caseId),
    findOrganisationName(db, caseFile.organisationId),
  ]);
  await auditRead(db, platform.clock, caller, 'case_outcome', outcomeId, {
    case: caseFile.number,
    document: outcome.number,
  });
  const issuer = organisationName ?? 'Prefettura';
  const roleLabel = (role: string) => definition.parties.find((p) => p.role === role)?.label ?? role;
  const roleOrder = (role: string) => definition.parties.findIndex((p) => p.role === role);
  const pdf = await renderOfficialDocument({
    issuer: [issuer, 'Sportello Unico per l’Immigrazione'],
    title: outcome.label,
    subtitle: `${definition.name} (${definition.legalReference})`,
    sections: [
      {
        rows: [
          ['Numero', outcome.number],
          ['Pratica', caseFile.number],
          ['Data di emissione', longDate(outcome.issuedOn)],
          ...(outcome.validUntil
            ? ([['Validità', `valido fino al ${longDate(outcome.validUntil)}`]] as Row[])
            : []),
        ],
      },
      ...parties
        .toSorted((a, b) => roleOrder(a.role) - roleOrder(b.role))
        .map((party) => ({ heading: roleLabel(party.role), rows: partyRows(party) })),
      ...decisionSections(outcome, definition),
    ],
    verification: {
      code: outcome.verificationCode,
      url: verificationUrl(platform, outcome.verificationCode),
    },
    footer: `${outcome.number} – ${outcome.label}`,
    metadata: {
      title: `${outcome.label} ${outcome.number}`,
      subject: definition.name,
      author: issuer,
      createdAt: outcome.createdAt,
    },
  });
  return { number: outcome.number, pdf };
}
