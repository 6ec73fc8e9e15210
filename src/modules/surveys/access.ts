/** Who reaches a questionnaire, and how it looks to them: shared by the use cases of questionnaires. */
import type { Actor, Caller } from '../../kernel/auth.ts';
import { NotFound, Unauthenticated } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { type Question, type QuestionnaireView, question } from './contract.ts';
import { canBuild } from './rules.ts';
import * as surveysStore from './store.ts';

export const QUESTIONNAIRE_NOT_FOUND = 'Il questionario non esiste o non è accessibile.';

/**
 * How the caller reaches a questionnaire: through the generic pages (builders of its kind, and the invited once
 * it is open), or through the owner's own pages, whose access already admits them to its open questionnaires.
 */
export type Reach = 'invited' | 'owner';

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Unauthenticated();
  return caller.actor;
}

export const questionsOf = (row: { questions: unknown }): Question[] => question.array().parse(row.questions);

export function view(
  row: surveysStore.QuestionnaireRow,
  actor: Actor,
  standing: { isInvited: boolean; hasAnswered: boolean },
): QuestionnaireView {
  return {
    id: row.id,
    title: row.title,
    intro: row.intro,
    status: row.status,
    questions: questionsOf(row),
    responses: Number(row.responses ?? 0),
    ownerKind: row.ownerKind,
    ownerId: row.ownerId,
    ownerLabel: row.ownerLabel,
    answeredBy: row.answeredBy,
    anonymous: row.anonymous,
    reminderDays: row.reminderDays,
    invited: Number(row.invited ?? 0),
    ...standing,
    canBuild: canBuild(actor.roles, row.ownerKind),
  };
}

/** The questionnaire if the caller may see it: a builder of its kind always, others once it is open. */
export async function visibleRow(platform: Platform, actor: Actor, id: string, reach: Reach) {
  const [row] = await surveysStore.questionnaires(platform.database.db, { id });
  if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  const standing = await surveysStore.standing(platform.database.db, id, actor.userId);
  const isBuilder = canBuild(actor.roles, row.ownerKind);
  if (!isBuilder && (row.status === 'DRAFT' || (reach === 'invited' && !standing.isInvited)))
    throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  return { row, standing, isBuilder };
}
