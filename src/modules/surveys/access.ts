/** Who reaches a questionnaire, and how it looks to them: shared by the use cases of questionnaires. */
import type { Actor, Caller } from '../../kernel/auth.ts';
import { NotFound, Unauthenticated } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { type OwnerKind, type Question, type QuestionnaireView, question } from './contract.ts';
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

/**
 * Whether the actor builds the questionnaire on the generic pages: a builder of its kind, unless it belongs to a
 * record of its owner (an edition's evaluation), which the owner's pages alone manage and read (decision 058).
 */
export const buildsOnGenericPages = (actor: Actor, row: { ownerKind: OwnerKind; ownerId: string | null }) =>
  row.ownerId === null && canBuild(actor.roles, row.ownerKind);

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
    canBuild: buildsOnGenericPages(actor, row),
  };
}

/** The questionnaire if the caller may see it: a builder of its kind always, others once it is open. */
export async function visibleRow(platform: Platform, actor: Actor, id: string, reach: Reach) {
  const [row] = await surveysStore.questionnaires(platform.database.db, { id });
  if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  const standing = await surveysStore.standing(platform.database.db, id, actor.userId);
  const isBuilder = buildsOnGenericPages(actor, row);
  if (!isBuilder && (row.status === 'DRAFT' || (reach === 'invited' && !standing.isInvited)))
    throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  return { row, standing, isBuilder };
}
