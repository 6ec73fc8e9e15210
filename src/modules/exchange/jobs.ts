/**
 * The opinions' clock, run in the background: reminders to the body before the deadline; after it, silent
 * consent recorded explicitly where the case type allows it, otherwise an escalation to the SUI manager.
 */
import type { OpinionSubject } from '../../db/tables/exchange.ts';
import { SYSTEM_CALLER } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import type { JobDefinition } from '../../kernel/jobs.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import { forgetOldRefusals, forgetReplayableDeliveries } from './federation/delivery.ts';
import { change } from './messages.ts';
import { lapseOf, REMINDER_DAYS, reminderDue } from './rules.ts';
import { nodeOf } from './scope.ts';
import * as store from './store.ts';

const SWEEP_LIMIT = 500;

async function recipients(
  db: Db,
  organisationId: string | null,
  roles: readonly string[],
): Promise<string[]> {
  if (!organisationId) return [];
  return store.emailsOfMembers(db, organisationId, roles);
}

export type SweepResult = { silentConsents: number; escalated: number; reminded: number };

export async function sweepOpinions(platform: Platform): Promise<SweepResult> {
  const { db } = platform.database;
  const node = nodeOf(platform.config);
  const today = platform.clock.today();
  const result: SweepResult = { silentConsents: 0, escalated: 0, reminded: 0 };

  const lapsed = await store.lapsedRequests(db, node.id, today.toString(), SWEEP_LIMIT);
  for (const { id } of lapsed) {
    const escalation = await writeTransaction(
      db,
      platform.clock,
      SYSTEM_CALLER,
      async ({ db: trx, audit, mail }) => {
        const row = await store.lockRequest(trx, id);
        if (!row) return null;
        const lapse = lapseOf(
          { ...row, highRiskCountry: (row.subject as OpinionSubject).highRiskCountry },
          today,
        );
        const now = platform.clock.now();
        if (lapse.kind === 'SILENT_CONSENT') {
          const payload = {
            opinionId: id,
            rule: lapse.rule,
            lapsedOn: lapse.lapsedOn,
            at: now.toISOString(),
          };
          await audit((await change(trx, node, row.answererNode, 'opinion.lapsed', payload, now)).audit);
          result.silentConsents += 1;
          return null;
        }
        if (lapse.kind === 'NONE') {
          // answered since the list was read: nothing to do, and the check is on record
          await audit({
            kind: 'access',
            action: 'exchange.opinion.lapse-checked',
            entityType: 'opinion_request',
            entityId: id,
          });
          return null;
        }
        await store.updateRequest(trx, id, { escalatedOn: today.toString(), updatedAt: now });
        await audit({
          kind: 'change',
          action: 'exchange.opinion.escalate',
          entityType: 'opinion_request',
          entityId: id,
          before: { escalatedOn: row.escalatedOn },
          after: { escalatedOn: today.toString() },
        });
        for (const to of await recipients(trx, row.requesterOrganisationId, ['sui_manager']))
          await mail(
            {
              to,
              subject: `Parere scaduto: pratica ${row.caseNumber} (${row.label})`,
              text:
                `Il termine per il parere «${row.label}» sulla pratica ${row.caseNumber} è scaduto il ` +
                `${row.dueOn} senza risposta e il silenzio non vale assenso per questa pratica.\n\n` +
                'Sollecitare l’ente o segnalare il problema nel registro condiviso.\n',
            },
            { topic: 'exchange.escalation', entityId: id },
          );
        return row;
      },
    );
    if (escalation) result.escalated += 1;
  }

  const soon = today.add({ days: REMINDER_DAYS }).toString();
  const dueSoon = await store.requestsDueSoon(db, node.id, today.toString(), soon, SWEEP_LIMIT);
  for (const row of dueSoon.filter((candidate) => reminderDue(candidate, today))) {
    await writeTransaction(db, platform.clock, SYSTEM_CALLER, async ({ db: trx, audit, mail }) => {
      await store.updateRequest(trx, row.id, {
        remindedOn: today.toString(),
        updatedAt: platform.clock.now(),
      });
      await audit({
        kind: 'change',
        action: 'exchange.opinion.remind',
        entityType: 'opinion_request',
        entityId: row.id,
        before: { remindedOn: null },
        after: { remindedOn: today.toString() },
      });
      for (const to of await recipients(trx, row.organisationId, [
        'questura_officer',
        'inspectorate_officer',
      ]))
        await mail(
          {
            to,
            subject: `Promemoria: parere in scadenza il ${row.dueOn} – pratica ${row.caseNumber}`,
            text:
              `Il parere «${row.label}» richiesto da ${row.requesterName} sulla pratica ${row.caseNumber} ` +
              `scade il ${row.dueOn}.\n\nAprire LOVIT, sezione Pareri, per renderlo o per chiedere informazioni al SUI.\n`,
          },
          { topic: 'exchange.reminder', entityId: row.id },
        );
    });
    result.reminded += 1;
  }
  return result;
}

export function opinionClockJob(platform: Platform): JobDefinition {
  return {
    queue: 'exchange.opinion-clock',
    cron: '*/15 * * * *',
    async handle() {
      await sweepOpinions(platform);
    },
  };
}

/**
 * The inbox's own housekeeping: the delivery ids kept against replays, once no replay could use them, and the
 * refusals past their retention.
 */
export function inboxHousekeepingJob(platform: Platform): JobDefinition {
  return {
    queue: 'exchange.inbox-housekeeping',
    cron: '*/10 * * * *',
    async handle() {
      await forgetReplayableDeliveries(platform);
      await forgetOldRefusals(platform);
    },
  };
}
