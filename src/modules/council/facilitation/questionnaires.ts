/**
 * The questionnaires of a thematic table (decision 089): the surveys module's, owned by the table (`COUNCIL_TABLE`),
 * opened when the secretariat approves the consultant's proposal, answered by the table's members on the
 * questionnaires' pages, and read – questions, figures, results – only by the table's consultant and the secretariat.
 */
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import type { ResultsView } from '../../surveys/contract.ts';
import * as surveys from '../../surveys/service.ts';
import { actorOf, canManage } from '../service.ts';
import * as store from '../store.ts';
import type {
  questionnaireProposalInput,
  TableQuestionnaireSummary,
  TableQuestionnaireView,
} from './contract.ts';
import * as facilitationStore from './store.ts';

const TABLE_OWNER = 'COUNCIL_TABLE';
export const NO_RESPONDENTS =
  'Nessun componente del tavolo ha un account LOVIT con il ruolo di componente del Consiglio: non c’è chi risponda al questionario.';

/** Refuses a questionnaire of a table whose seated organisations have nobody to answer it. */
export async function refuseWithoutRespondents(db: Db, tableId: string) {
  const respondents = await facilitationStore.tableRespondents(db, tableId);
  if (respondents.length === 0) throw new Conflict(NO_RESPONDENTS);
  return respondents;
}

/**
 * Opens the approved questionnaire of the table, with its members invited by e-mail, in the approval's
 * transaction; returns its id.
 */
export async function launchTableQuestionnaire(
  platform: Pick<Platform, 'clock' | 'config'>,
  unit: UnitOfWork,
  table: { id: string; name: string },
  input: z.infer<typeof questionnaireProposalInput>,
): Promise<string> {
  const respondents = await refuseWithoutRespondents(unit.db, table.id);
  return surveys.launchOwnedSurvey(
    unit,
    platform,
    { kind: TABLE_OWNER, id: table.id, label: table.name },
    { ...input, reminderDays: input.reminderDays ?? null },
    respondents,
  );
}

const summaryOf = (q: Awaited<ReturnType<typeof surveys.getSurvey>>): TableQuestionnaireSummary => ({
  id: q.id,
  title: q.title,
  status: q.status,
  anonymous: q.anonymous,
  responses: q.responses,
  invited: q.invited,
});

/** The questionnaires of a table, the latest first, for a reader its pages have admitted. */
export async function questionnairesOfTable(platform: Platform, caller: Caller, tableId: string) {
  const rows = await surveys.listOwnerSurveys(platform, caller, { kind: TABLE_OWNER, id: tableId });
  return rows.map(summaryOf);
}

/**
 * A questionnaire of a table if the caller reads it: the secretariat, or the consultant assigned to the table
 * now; to anyone else, and for any other questionnaire, it does not exist.
 */
async function inScope(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  const notFound = new NotFound(surveys.QUESTIONNAIRE_NOT_FOUND);
  const questionnaire = await surveys.getSurvey(platform, caller, id, 'owner');
  const tableId = questionnaire.ownerId;
  if (questionnaire.ownerKind !== TABLE_OWNER || !tableId) throw notFound;
  if (!canManage(actor) && !(await facilitationStore.isAssigned(platform.database.db, tableId, actor.userId)))
    throw notFound;
  const [table] = await store.tables(platform.database.db, { all: true }, tableId);
  return { questionnaire, tableId, tableName: table?.name ?? questionnaire.ownerLabel ?? '' };
}

export async function tableQuestionnaire(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<TableQuestionnaireView> {
  const { questionnaire: q, tableId, tableName } = await inScope(platform, caller, id);
  return {
    ...summaryOf(q),
    tableId,
    tableName,
    intro: q.intro,
    questions: q.questions,
    reminderDays: q.reminderDays,
  };
}

/**
 * The results of a table's questionnaire, as the surveys module gives them (an anonymous one only once closed
 * and with enough answers); reading a named one's results is on the record, as its free texts may say who wrote them.
 */
export async function tableQuestionnaireResults(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<ResultsView> {
  const { questionnaire } = await inScope(platform, caller, id);
  const results = await surveys.ownedResults(platform, id);
  if (!questionnaire.anonymous)
    await auditRead(platform.database.db, platform.clock, caller, 'survey_results', id, {});
  return results;
}

/** The table's consultant or the secretariat closes the questionnaire; the anonymous answers are released. */
export async function closeTableQuestionnaire(platform: Platform, caller: Caller, id: string) {
  await inScope(platform, caller, id);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await surveys.closeOwnedSurvey(unit, id))) throw new Conflict('Il questionario è già chiuso.');
  });
  return tableQuestionnaire(platform, caller, id);
}
