/**
 * Use cases of the independent auditor's verification of a submitted claim: the checklist and the outcome of
 * every expense, the closing that draws up the verbale (footed by the audit trail's latest seal), and the signed
 * verbale kept with its SHA-256. Every change is audited, and so is every download of a verbale.
 */
import { attachedFile, openAttachedFile } from '../../../kernel/attachments.ts';
import { latestSeal, sealAuditTrail } from '../../../kernel/audit.ts';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { readPdf } from '../../../kernel/pdf-check.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { fileStoreOf } from '../../../kernel/uploads.ts';
import { actorOf } from '../callers.ts';
import type { ClaimView, OutcomeInput } from './contract.ts';
import { streamVerbale } from './documents.ts';
import { admittedOf, closingFault, isOwnClaim, OWN_CLAIM, outcomeFaults } from './rules.ts';
import * as store from './store.ts';
import { budgetOf, claimContents, claimOrThrow, claimView, nameOf } from './views.ts';

/** The auditor's checklist and outcome for one expense of a submitted claim, until the verification is closed. */
export async function recordOutcome(
  platform: Platform,
  caller: Caller,
  claimId: string,
  expenseId: string,
  input: OutcomeInput,
): Promise<ClaimView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const claim = await claimOrThrow(unit.db, claimId, true);
    if (isOwnClaim(claim, actor.userId)) throw new Forbidden(OWN_CLAIM);
    if (claim.status === 'DRAFT')
      throw new Conflict('La domanda non è ancora stata presentata: il revisore la verifica dopo.');
    if (claim.status === 'VERIFIED')
      throw new Conflict('La verifica è chiusa e il verbale è redatto: gli esiti non si modificano più.');
    const claimedCents = await store.claimedAmount(unit.db, claimId, expenseId);
    if (claimedCents === undefined) throw new NotFound('La spesa non è in questa domanda di rimborso.');
    const faults = outcomeFaults(input, claimedCents);
    if (faults.length > 0) throw new Invalid(faults);
    const before = await store.findOutcome(unit.db, claimId, expenseId);
    const checklist = Object.fromEntries(
      Object.entries(input.checklist).map(([item, answer]) => [
        item,
        { ok: answer.ok, note: answer.note ?? null },
      ]),
    );
    const fields = {
      checklist,
      outcome: input.outcome,
      admittedCents: admittedOf(input.outcome, claimedCents, input.admittedCents),
      reasons: input.reasons?.trim() ? input.reasons.trim() : null,
    };
    await store.saveOutcome(unit.db, {
      claimId,
      expenseId,
      ...fields,
      checklist: JSON.stringify(checklist),
      recordedBy: actor.userId,
      recordedByName: nameOf(actor),
      recordedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'project.claim.outcome',
      entityType: 'project_claim',
      entityId: claimId,
      before: before
        ? { expenseId, outcome: before.outcome, admittedCents: before.admittedCents, reasons: before.reasons }
        : null,
      after: { expenseId, ...fields },
    });
  });
  return claimView(platform, caller, claimId);
}

/**
 * Closes the verification once every expense has its outcome: the verbale (with Allegato 1, the detail of the
 * verified expenses, and Allegato 2, the findings) is drawn up and kept, its footer naming the audit trail's
 * latest seal after sealing every entry written so far, the outcomes included.
 */
export async function closeVerification(
  platform: Platform,
  caller: Caller,
  claimId: string,
): Promise<ClaimView> {
  const budget = await budgetOf(platform, caller, claimId);
  for (let attempt = 1; ; attempt++) {
    await sealAuditTrail(platform.database.db, { all: true });
    try {
      await drawUpVerbale(platform, caller, claimId, budget);
      return claimView(platform, caller, claimId);
    } catch (error) {
      if (!(error instanceof OutcomeNotSealed) || attempt === SEALING_ATTEMPTS) throw error;
    }
  }
}

/** Outcomes keep being recorded as the verification is closed: the seal in the verbale's footer would miss them. */
const SEALING_ATTEMPTS = 3;

class OutcomeNotSealed extends Conflict {
  constructor() {
    super('Un esito è stato registrato proprio ora: chiudere di nuovo la verifica.');
  }
}

/** The closing under the claim's lock, once the seal covers every outcome: no outcome is recorded meanwhile. */
async function drawUpVerbale(
  platform: Platform,
  caller: Caller,
  claimId: string,
  budget: Awaited<ReturnType<typeof budgetOf>>,
): Promise<void> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const claim = await claimOrThrow(unit.db, claimId, true);
    if (isOwnClaim(claim, actor.userId)) throw new Forbidden(OWN_CLAIM);
    if (claim.status === 'DRAFT')
      throw new Conflict('La domanda non è ancora stata presentata: il revisore la verifica dopo.');
    if (claim.status === 'VERIFIED') throw new Conflict('La verifica di questa domanda è già chiusa.');
    if (await store.hasUnsealedChanges(unit.db, claimId)) throw new OutcomeNotSealed();
    const contents = await claimContents(unit.db, claimId, budget);
    const missing = closingFault(contents.expenses.length, contents.expenses.filter((e) => e.outcome).length);
    if (missing) throw new Conflict(missing);
    const seal = await latestSeal(unit.db);
    const now = platform.clock.now();
    // written into the store page by page as it is drawn up: thousands of expenses never sit whole in memory
    const pdf = streamVerbale(contents, {
      auditorName: nameOf(actor),
      closedAt: now,
      seal: seal ? { position: Number(seal.position), hash: seal.hash } : null,
    });
    const file = await fileStoreOf(platform.config).stage(pdf, `verbale-domanda-${claim.number}.pdf`);
    try {
      await store.insertVerbale(unit.db, {
        claimId,
        closedAt: now,
        closedBy: actor.userId,
        closedByName: nameOf(actor),
        claimedCents: contents.claimedCents,
        admittedCents: contents.admittedCents,
        sealPosition: seal ? Number(seal.position) : null,
        sealHash: seal?.hash ?? null,
        sha256: file.sha256,
        size: file.size,
        signedSha256: null,
        signedSize: null,
        signedMediaType: null,
        signedFileName: null,
        signedAt: null,
        signedBy: null,
        signedDigitally: null,
      });
      await store.updateClaim(unit.db, claimId, { status: 'VERIFIED', updatedAt: now });
      await unit.audit({
        kind: 'change',
        action: 'project.claim.verify',
        entityType: 'project_claim',
        entityId: claimId,
        before: { status: claim.status },
        after: {
          status: 'VERIFIED',
          claimedCents: contents.claimedCents,
          admittedCents: contents.admittedCents,
          sealHash: seal?.hash ?? null,
          verbaleSha256: file.sha256,
        },
      });
      await file.keep();
    } finally {
      await file.discard();
    }
  });
}

/** The upload as a signed verbale: why it is refused, in the words of the form's field, or whether it is signed. */
async function readSignedVerbale(
  file: StagedFile,
): Promise<{ fault: string } | { digitallySigned: boolean }> {
  if (file.mediaType !== 'application/pdf') {
    const image = file.mediaType === 'image/png' ? 'PNG' : 'JPEG';
    return {
      fault: `Il file è un’immagine ${image}, non un PDF: caricare il verbale firmato in formato PDF`,
    };
  }
  const reading = await readPdf(await file.read());
  if (reading.fault !== null)
    return {
      fault: `${reading.fault.charAt(0).toUpperCase()}${reading.fault.slice(1)}: caricare di nuovo il verbale firmato`,
    };
  return { digitallySigned: reading.digitallySigned };
}

/**
 * Keeps the verbale signed by the auditor, with its SHA-256; the first signed copy stays. It must be a whole,
 * readable PDF; a scan of the signed paper will do, and a digital signature in it is noted (not verified).
 */
export async function attachSignedVerbale(
  platform: Platform,
  caller: Caller,
  claimId: string,
  input: { declaredName: string; file: StagedFile },
): Promise<ClaimView> {
  const actor = actorOf(caller);
  /** Whether this caller may keep a signed copy now: asked before the file is parsed, and again under lock. */
  const mayKeepSigned = async (db: typeof platform.database.db, lock: boolean) => {
    const claim = await claimOrThrow(db, claimId, lock);
    if (isOwnClaim(claim, actor.userId)) throw new Forbidden(OWN_CLAIM);
    const verbale = await store.verbaleOf(db, claimId);
    if (!verbale) throw new Conflict('Il verbale non è ancora redatto: chiudere prima la verifica.');
    if (verbale.signedSha256)
      throw new Conflict('Il verbale firmato è già stato caricato e non si sostituisce.');
  };
  await mayKeepSigned(platform.database.db, false);
  // read before the claim is locked: a large scan takes a moment to parse
  const checked = await readSignedVerbale(input.file);
  if ('fault' in checked) throw new Invalid([{ path: 'file', message: checked.fault }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await mayKeepSigned(unit.db, true);
    const file = attachedFile(input, actor.userId, platform.clock.now());
    await store.updateVerbale(unit.db, claimId, {
      signedSha256: file.sha256,
      signedSize: file.size,
      signedMediaType: file.mediaType,
      signedFileName: file.fileName,
      signedAt: file.uploadedAt,
      signedBy: file.uploadedBy,
      signedDigitally: checked.digitallySigned,
    });
    await unit.audit({
      kind: 'change',
      action: 'project.claim.sign',
      entityType: 'project_claim',
      entityId: claimId,
      before: null,
      after: {
        signedSha256: file.sha256,
        size: file.size,
        fileName: file.fileName,
        digitallySigned: checked.digitallySigned,
      },
    });
    await input.file.keep();
  });
  return claimView(platform, caller, claimId);
}

/** The verbale as drawn up, or the signed copy, for download; the read is audited. */
export async function openVerbale(platform: Platform, caller: Caller, claimId: string, signed: boolean) {
  const db = platform.database.db;
  const claim = await claimOrThrow(db, claimId);
  const verbale = await store.verbaleOf(db, claimId);
  const row = !verbale
    ? null
    : signed
      ? verbale.signedSha256 && {
          sha256: verbale.signedSha256,
          size: verbale.signedSize ?? 0,
          mediaType: verbale.signedMediaType ?? 'application/pdf',
          fileName: verbale.signedFileName ?? 'verbale-firmato.pdf',
        }
      : {
          sha256: verbale.sha256,
          size: verbale.size,
          mediaType: 'application/pdf',
          fileName: `verbale-di-verifica-domanda-${claim.number}.pdf`,
        };
  if (!row)
    throw new NotFound(
      signed ? 'Il verbale firmato non è ancora stato caricato.' : 'Il verbale non è ancora redatto.',
    );
  return openAttachedFile(platform, caller, row, {
    entityType: 'project_claim',
    entityId: claimId,
    details: { document: signed ? 'signed-verbale' : 'verbale' },
  });
}

/** Among some stored files, the verbali and their signed copies: the orphan sweeper keeps them. */
export const verbaleFiles = store.storedVerbali;
