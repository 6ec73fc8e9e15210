/**
 * The imputation of an application to the quota (art. 21 c.1 TUI), recorded or corrected after the import of a
 * click-day file: since DL 146/2025 the term of a work or seasonal nulla osta runs from it. One transaction
 * stores the day, the recomputed due date with the office's patron-day setting, the timeline event and the
 * audit entry.
 */
import { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { CaseDetail } from '../contract.ts';
import { caseTypes } from '../law/registry.ts';
import { longDate } from '../outcomes/rules.ts';
import { deadlineOf } from '../rules.ts';
import { actorOf, getCase, legalCalendarOf, storedFactsOf } from '../service.ts';
import * as store from '../store.ts';
import type { IMPUTATION_EVENT_LABELS, QuotaImputationInput } from './contract.ts';

export async function recordQuotaImputation(
  platform: Platform,
  caller: Caller,
  caseId: string,
  input: QuotaImputationInput,
): Promise<CaseDetail> {
  const actor = actorOf(caller);
  const today = platform.clock.today();
  const imputedOn = Temporal.PlainDate.from(input.imputedOn);
  const reason = input.reason?.trim() || null;
  if (Temporal.PlainDate.compare(imputedOn, today) > 0)
    throw new Invalid([
      { path: 'body.imputedOn', message: 'La data di imputazione non può essere nel futuro' },
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
    if (row.closed) throw new Conflict('La pratica è chiusa: la data di imputazione non si modifica più.');
    if (definition.term.startsFrom !== 'QUOTA_IMPUTATION')
      throw new Conflict(
        'Per questa pratica il termine decorre dalla presentazione della domanda: la data di imputazione alla ' +
          'quota non lo sposta.',
      );
    const submittedOn = Temporal.PlainDate.from(row.submittedOn);
    if (Temporal.PlainDate.compare(imputedOn, submittedOn) < 0)
      throw new Invalid([
        {
          path: 'body.imputedOn',
          message: `La domanda è stata presentata il ${longDate(submittedOn)}: non può essere imputata prima`,
        },
      ]);
    const correction = row.quotaImputedOn !== null;
    if (correction && !reason)
      throw new Invalid([{ path: 'body.reason', message: 'Indicare il motivo della correzione' }]);
    if (row.quotaImputedOn === imputedOn.toString())
      throw new Invalid([
        { path: 'body.imputedOn', message: 'È già la data di imputazione registrata: indicarne un’altra' },
      ]);
    const facts = await storedFactsOf(db, definition, row);
    const next = deadlineOf(
      definition,
      { ...facts, quotaImputedOn: imputedOn },
      legalCalendarOf(platform.config),
      today,
    );
    const now = platform.clock.now();
    const patronDayInTerms = platform.config.office.patronDay.inLegalTerms;
    await store.updateCase(db, caseId, {
      quotaImputedOn: imputedOn.toString(),
      dueOn: next.legalDueDate.toString(),
      patronDayInTerms,
      clockSuspended: next.status === 'SUSPENDED',
      updatedAt: now,
    });
    const kind: keyof typeof IMPUTATION_EVENT_LABELS = correction
      ? 'QUOTA_IMPUTATION_CORRECTED'
      : 'QUOTA_IMPUTATION_RECORDED';
    const eventId = newId();
    await store.insertEvent(db, {
      id: eventId,
      caseId,
      at: now,
      onDay: imputedOn.toString(),
      kind,
      fromState: row.state,
      toState: row.state,
      actorUserId: actor.userId,
      actorLabel: actor.email,
      reason,
      data: JSON.stringify({ imputedOn: imputedOn.toString(), previous: row.quotaImputedOn }),
    });
    await audit({
      kind: 'change',
      action: correction ? 'cases.quota_imputation.correct' : 'cases.quota_imputation.record',
      entityType: 'case',
      entityId: caseId,
      before: { quotaImputedOn: row.quotaImputedOn, dueOn: row.dueOn },
      after: {
        quotaImputedOn: imputedOn.toString(),
        dueOn: next.legalDueDate.toString(),
        patronDayInTerms,
        ...(reason ? { reason } : {}),
      },
      details: { event: eventId },
    });
  });
  return getCase(platform, caller, caseId);
}
