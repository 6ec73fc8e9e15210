/**
 * The receipt of a preavviso di rigetto (art. 10-bis L. 241/1990): the day and the way the applicant received
 * it, with the document that proves it. It starts the applicant's 10 days for observations and moves the
 * legal clock, in one transaction with the evidence, the case event and the audit entry.
 */
import { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { StagedFile } from '../../../kernel/files.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { cleanFileName } from '../../../kernel/uploads.ts';
import type { CaseDetail } from '../contract.ts';
import * as documents from '../documents/store.ts';
import { caseTypes } from '../law/registry.ts';
import { deadlineOf, observationWindowOf } from '../rules.ts';
import { actorOf, getCase, legalCalendarOf, storedFactsOf } from '../service.ts';
import * as store from '../store.ts';
import { noticeReceiptFields } from './contract.ts';
import { longDate } from './rules.ts';
import { NOTICE_RECEIPT_EVENT } from './service.ts';
import { insertNoticeReceipt } from './store.ts';

/** The form's fields as typed, checked with their field names. */
function receiptFieldsOf(fields: Record<string, string>) {
  const parsed = noticeReceiptFields.safeParse(fields);
  if (!parsed.success)
    throw new Invalid(
      parsed.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })),
    );
  return { ...parsed.data, receivedOn: Temporal.PlainDate.from(parsed.data.receivedOn) };
}

export async function recordNoticeReceipt(
  platform: Platform,
  caller: Caller,
  caseId: string,
  upload: { fields: Record<string, string>; declaredName: string; file: StagedFile },
): Promise<CaseDetail> {
  const actor = actorOf(caller);
  const input = receiptFieldsOf(upload.fields);
  const today = platform.clock.today();
  if (Temporal.PlainDate.compare(input.receivedOn, today) > 0)
    throw new Invalid([
      { path: 'body.receivedOn', message: 'La data di ricevimento non può essere nel futuro' },
    ]);
  const registry = await caseTypes(platform.database, platform.clock);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockCase(db, actor.organisationId, caseId);
    if (!row) throw new NotFound('La pratica non esiste o non è accessibile.');
    if (row.version !== input.version)
      throw new Conflict('La pratica è stata modificata da un altro utente: ricarica la pagina.', {
        currentVersion: row.version,
      });
    const definition = registry.version(row.typeCode, row.typeValidFrom);
    const facts = await storedFactsOf(db, definition, row);
    const calendar = legalCalendarOf(platform.config);
    const window = observationWindowOf(facts, calendar, today);
    if (row.closed || window.state !== 'AWAITING_RECEIPT')
      throw new Conflict(
        'Nessun preavviso di rigetto della pratica attende la registrazione del ricevimento.',
      );
    if (Temporal.PlainDate.compare(input.receivedOn, window.sentOn) < 0)
      throw new Invalid([
        {
          path: 'body.receivedOn',
          message: `Il preavviso è stato inviato il ${longDate(window.sentOn)}: non può essere ricevuto prima`,
        },
      ]);
    const now = platform.clock.now();
    const document = await documents.insertDocument(db, {
      id: newId(),
      caseId,
      checklistCode: null,
      version: 1,
      sha256: upload.file.sha256,
      size: upload.file.size,
      mediaType: upload.file.mediaType,
      fileName: cleanFileName(upload.declaredName, upload.file.extension),
      uploadedAt: now,
      uploadedBy: actor.userId,
      supersededBy: null,
    });
    const eventId = newId();
    await store.insertEvent(db, {
      id: eventId,
      caseId,
      at: now,
      onDay: input.receivedOn.toString(),
      kind: NOTICE_RECEIPT_EVENT,
      fromState: row.state,
      toState: row.state,
      clockEvent: 'REJECTION_NOTICE_RECEIVED',
      actorUserId: actor.userId,
      actorLabel: actor.email,
      reason: null,
      data: JSON.stringify({ channel: input.channel, documentId: document.id, fileName: document.fileName }),
    });
    const receipt = {
      id: newId(),
      caseId,
      eventId,
      receivedOn: input.receivedOn.toString(),
      channel: input.channel,
      evidenceDocumentId: document.id,
      recordedBy: actor.userId,
      recordedAt: now,
    };
    await insertNoticeReceipt(db, receipt);
    const next = deadlineOf(
      definition,
      {
        ...facts,
        clockEvents: [...facts.clockEvents, { kind: 'REJECTION_NOTICE_RECEIVED', on: input.receivedOn }],
      },
      calendar,
      today,
    );
    const patronDayInTerms = platform.config.office.patronDay.inLegalTerms;
    await store.updateCase(db, caseId, {
      dueOn: next.legalDueDate.toString(),
      patronDayInTerms,
      clockSuspended: next.status === 'SUSPENDED',
      updatedAt: now,
    });
    await audit({
      kind: 'change',
      action: 'cases.notice_receipt.record',
      entityType: 'case',
      entityId: caseId,
      before: { dueOn: row.dueOn },
      after: {
        dueOn: next.legalDueDate.toString(),
        patronDayInTerms,
        receivedOn: receipt.receivedOn,
        channel: receipt.channel,
        evidenceDocumentId: document.id,
        sha256: upload.file.sha256,
      },
      details: { event: eventId, receipt: receipt.id },
    });
    await upload.file.keep();
  });
  return getCase(platform, caller, caseId);
}
