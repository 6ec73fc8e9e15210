/**
 * The documents a case gives out: the acknowledgement of receipt (ricevuta) and, through the public page
 * `/verifica/<code>`, the check of a document's authenticity that shows its key fields and nothing more.
 */

import type { Caller } from '../../../kernel/auth.ts';
import { NotFound } from '../../../kernel/errors.ts';
import { renderOfficialDocument } from '../../../kernel/pdf.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import type { DocumentVerifier } from '../../../kernel/verification.ts';
import { findOutcomeByCode } from '../documents/store.ts';
import { caseTypes, plainDate } from '../law/registry.ts';
import { outcomeStateOn } from '../rules.ts';
import * as store from '../store.ts';
import { findOrganisationName } from './store.ts';

const ROME = { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'medium' } as const;

export const verificationUrl = (platform: Platform, code: string) =>
  `${platform.config.publicUrl}/verifica/${code}`;

/** The acknowledgement of a submission: protocol number, arrival time (the click-day rank), parties. */
export async function receiptPdf(
  platform: Platform,
  caller: Caller,
  caseId: string,
): Promise<{ number: string; pdf: Uint8Array }> {
  const actor = caller.actor;
  if (!actor) throw new NotFound();
  const { db } = platform.database;
  const row = await store.findCase(db, actor.organisationId, caseId);
  if (!row) throw new NotFound('La pratica non esiste o non è accessibile.');
  const definition = (await caseTypes(platform.database, platform.clock)).version(
    row.typeCode,
    row.typeValidFrom,
  );
  const parties = await store.caseParties(db, caseId);
  await auditRead(db, platform.clock, caller, 'case', caseId, { document: 'receipt' });
  const organisationName = await findOrganisationName(db, row.organisationId);
  const pdf = await renderOfficialDocument({
    issuer: [organisationName ?? 'Prefettura', 'Sportello Unico per l’Immigrazione'],
    title: 'Ricevuta di presentazione della domanda',
    subtitle: definition.name,
    sections: [
      {
        rows: [
          ['Numero di protocollo', row.number],
          ['Ricevuta il', row.receivedAt.toLocaleString('it-IT', ROME)],
          ['Tipo di pratica', `${definition.name} (${definition.legalReference})`],
          ...(row.quotaRank
            ? ([['Posizione nella quota', `${row.quotaRank} – ${row.quotaSector} ${row.quotaYear}`]] as [
                string,
                string,
              ][])
            : []),
          ['Stato', definition.states.find((state) => state.code === row.state)?.label ?? row.state],
        ],
      },
      {
        heading: 'Parti',
        rows: parties.map((party): [string, string] => [
          definition.parties.find((p) => p.role === party.role)?.label ?? party.role,
          party.employerName ?? `${(party.surname ?? '').toUpperCase()} ${party.givenName ?? ''}`.trim(),
        ]),
      },
      {
        paragraphs: [
          'Il termine del procedimento decorre dal giorno successivo alla ricezione (art. 2 c.6 L. 241/1990).',
          'Conservi questa ricevuta: il codice di verifica permette di controllarne l’autenticità.',
        ],
      },
    ],
    verification: { code: row.receiptCode, url: verificationUrl(platform, row.receiptCode) },
    footer: `${row.number} – ricevuta`,
    metadata: {
      title: `Ricevuta ${row.number}`,
      subject: definition.name,
      author: organisationName ?? 'LOVIT',
      createdAt: row.receivedAt,
    },
  });
  return { number: row.number, pdf };
}

/** What a consulate or an employer may learn from a code of a case's document: its key fields. */
export const verifyCaseDocument: DocumentVerifier = async (platform, code) => {
  const { db } = platform.database;
  const row = await store.findReceiptCase(db, code);
  const outcome = row ? undefined : await findOutcomeByCode(db, code);
  if (outcome) {
    const definition = (await caseTypes(platform.database, platform.clock)).version(
      outcome.typeCode,
      outcome.typeValidFrom,
    );
    return {
      entityId: outcome.id,
      shown: {
        document: outcome.label,
        number: outcome.number,
        issuedOn: outcome.issuedOn,
        issuer: outcome.issuer,
        subject: definition.name,
        state: outcomeStateOn(
          outcome.validUntil ? plainDate(outcome.validUntil) : null,
          platform.clock.today(),
        ),
        ...(outcome.validUntil ? { validUntil: outcome.validUntil } : {}),
      },
    };
  }
  if (!row) return undefined;
  const definition = (await caseTypes(platform.database, platform.clock)).version(
    row.typeCode,
    row.typeValidFrom,
  );
  const organisationName = await findOrganisationName(db, row.organisationId);
  return {
    entityId: row.id,
    shown: {
      document: 'Ricevuta di presentazione della domanda',
      number: row.number,
      issuedOn: row.submittedOn,
      issuer: organisationName ?? '',
      subject: definition.name,
      state: row.closed ? 'chiusa' : 'in corso',
    },
  };
};
