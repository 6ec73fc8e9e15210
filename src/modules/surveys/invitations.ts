/** Invitations to a questionnaire and the reminders to those who have not answered, by e-mail through the outbox. */
import { Temporal } from 'temporal-polyfill';
import { type Caller, SYSTEM_CALLER } from '../../kernel/auth.ts';
import { LEGAL_TIME_ZONE } from '../../kernel/clock.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { actorOf, QUESTIONNAIRE_NOT_FOUND, visibleRow } from './access.ts';
import type { InvitationInput, InvitationView } from './contract.ts';
import { queueInvitations, reminderLetter } from './letters.ts';
import { isReminderDue } from './rules.ts';
import * as surveysStore from './store.ts';

/** A builder invites people one by one, or all who hold a role in an organisation (either or both). */
export async function inviteToSurvey(platform: Platform, caller: Caller, id: string, input: InvitationInput) {
  const actor = actorOf(caller);
  const { row, isBuilder } = await visibleRow(platform, actor, id, 'invited');
  if (!isBuilder) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  if (row.status === 'CLOSED') throw new Conflict('Il questionario è chiuso: non si invitano altre persone.');
  const people = await surveysStore.usersToInvite(platform.database.db, input);
  if (people.length === 0)
    throw new Invalid([{ path: 'body.userIds', message: 'Nessuna persona attiva corrisponde alla scelta' }]);
  const added = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const now = platform.clock.now();
    const inserted = new Set(
      (
        await surveysStore.insertInvitations(
          unit.db,
          id,
          people.map((p) => p.id),
          now,
        )
      ).map((r) => r.userId),
    );
    const newcomers = people.filter((person) => inserted.has(person.id));
    await unit.audit({
      kind: 'change',
      action: 'surveys.invitation.create',
      entityType: 'survey_questionnaire',
      entityId: id,
      before: null,
      after: { userIds: newcomers.map((person) => person.id) },
    });
    // Invitations to a draft leave when it opens.
    if (row.status === 'OPEN') await queueInvitations(unit, row, newcomers, platform.config.publicUrl);
    return newcomers.length;
  });
  return { added, already: people.length - added };
}

export async function listInvitations(
  platform: Platform,
  caller: Caller,
  id: string,
  page: { page: number; pageSize: number },
) {
  const actor = actorOf(caller);
  const { isBuilder } = await visibleRow(platform, actor, id, 'invited');
  if (!isBuilder) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  const { rows, total } = await surveysStore.invitationsPage(platform.database.db, id, page);
  await auditRead(platform.database.db, platform.clock, caller, 'survey_invitation', id, {
    userIds: rows.map((row) => row.userId),
  });
  const items: InvitationView[] = rows.map((row) => ({
    userId: row.userId,
    name: `${row.givenName} ${row.familyName}`,
    email: row.email,
    organisations: row.organisations ?? '',
    invitedAt: row.invitedAt.toISOString(),
    remindedAt: row.remindedAt?.toISOString() ?? null,
    hasAnswered: Boolean(row.hasAnswered),
  }));
  return { items, total, ...page };
}

/** People a builder may invite, found by name or e-mail. */
export async function findInvitees(platform: Platform, caller: Caller, search: string | undefined) {
  actorOf(caller);
  const rows = await surveysStore.invitees(platform.database.db, search?.trim() || undefined);
  await auditRead(platform.database.db, platform.clock, caller, 'survey_invitee', 'search', {
    userIds: rows.map((row) => row.id),
  });
  return rows.map((row) => ({
    id: row.id,
    name: `${row.givenName} ${row.familyName}`,
    organisations: row.organisations ?? '',
  }));
}

const dayOf = (instant: Date) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE).toPlainDate();

/** The daily job: one reminder, through the outbox, to each invited person who has not answered in time. */
export async function remindInvitees(platform: Platform): Promise<number> {
  const today = platform.clock.today();
  const due = (await surveysStore.invitationsToRemind(platform.database.db)).filter((invitation) =>
    isReminderDue(
      { invitedOn: dayOf(invitation.invitedAt), isReminded: false, hasAnswered: false },
      invitation.reminderDays,
      today,
    ),
  );
  for (const invitation of due)
    await writeTransaction(
      platform.database.db,
      platform.clock,
      SYSTEM_CALLER,
      async ({ db, audit, mail }) => {
        const at = platform.clock.now();
        await surveysStore.markReminded(db, invitation.questionnaireId, invitation.userId, at);
        await audit({
          kind: 'change',
          action: 'surveys.invitation.remind',
          entityType: 'survey_questionnaire',
          entityId: invitation.questionnaireId,
          before: { remindedAt: null },
          after: { remindedAt: at.toISOString(), userId: invitation.userId },
        });
        const [questionnaire] = await surveysStore.questionnaires(db, { id: invitation.questionnaireId });
        if (!questionnaire) return;
        await mail(
          reminderLetter(
            { id: invitation.userId, ...invitation },
            questionnaire,
            `${platform.config.publicUrl}/questionari/${questionnaire.id}`,
          ),
          { topic: 'surveys.reminder', entityId: questionnaire.id },
        );
      },
    );
  return due.length;
}
