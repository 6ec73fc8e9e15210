/**
 * Use cases of needs and resources: the directory of territorial services (each organisation edits its own),
 * questionnaires built by the secretariat and answered per organisation and municipality, and the map that
 * sets the needs reported against the services available, theme by theme.
 */
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { MAP_ATTRIBUTION, provinceMap } from '../../../kernel/territory/map.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { Theme } from '../contract.ts';
import { actorOf, canManage } from '../service.ts';
import {
  type AnswerValue,
  type MapView,
  type Question,
  type QuestionnaireInput,
  type QuestionnaireView,
  question,
  type ResponseView,
  type ServiceInput,
  type ServiceView,
} from './contract.ts';
import { publishedFields } from './directory.ts';
import { isMunicipalityOfLodi, municipalityName } from './municipalities.ts';
import { checkAnswers, isGap, needsByMunicipality, questionnaireProblems } from './rules.ts';
import * as needsStore from './store.ts';

const SERVICE_NOT_FOUND = 'Il servizio non esiste o non è modificabile dal tuo ente.';
const QUESTIONNAIRE_NOT_FOUND = 'Il questionario non esiste o non è accessibile.';

function serviceView(row: needsStore.ServiceRow, caller: Caller): ServiceView {
  const actor = actorOf(caller);
  return {
    ...publishedFields(row),
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    description: row.description,
    municipalityIstatCode: row.municipalityIstatCode,
    municipalityName: municipalityName(row.municipalityIstatCode),
    address: row.address,
    canEdit: canManage(actor) || row.organisationId === actor.organisationId,
  };
}

export async function listServices(
  platform: Platform,
  caller: Caller,
  query: { theme?: string; municipality?: string; page: number; pageSize: number },
) {
  const { page, pageSize, ...filter } = query;
  const { rows, total } = await needsStore.servicesPage(platform.database.db, filter, { page, pageSize });
  return { items: rows.map((row) => serviceView(row, caller)), total, page, pageSize };
}

const serviceColumns = (input: ServiceInput) => ({
  ...input,
  address: input.address ?? null,
  eligibility: input.eligibility ?? null,
  hours: input.hours ?? null,
  phone: input.phone ?? null,
  email: input.email ?? null,
  url: input.url ?? null,
});

/** An organisation lists one of its services in the directory. */
export async function createService(platform: Platform, caller: Caller, input: ServiceInput) {
  const actor = actorOf(caller);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = {
      id,
      organisationId: actor.organisationId,
      ...serviceColumns(input),
      updatedAt: platform.clock.now(),
    };
    await needsStore.insertService(db, row);
    await audit({
      kind: 'change',
      action: 'council.service.create',
      entityType: 'council_service',
      entityId: id,
      before: null,
      after: row,
    });
  });
  const [row] = await needsStore.services(platform.database.db, { id });
  return serviceView(row as needsStore.ServiceRow, caller);
}

/** The owning organisation (or the secretariat) updates a service; anyone else finds no such service. */
export async function updateService(platform: Platform, caller: Caller, id: string, input: ServiceInput) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await needsStore.lockService(db, id);
    if (!before || (!canManage(actor) && before.organisationId !== actor.organisationId))
      throw new NotFound(SERVICE_NOT_FOUND);
    const changes = { ...serviceColumns(input), updatedAt: platform.clock.now() };
    await needsStore.updateService(db, id, changes);
    await audit({
      kind: 'change',
      action: 'council.service.update',
      entityType: 'council_service',
      entityId: id,
      before,
      after: changes,
    });
  });
  const [row] = await needsStore.services(platform.database.db, { id });
  return serviceView(row as needsStore.ServiceRow, caller);
}

// ---- questionnaires

type QuestionnaireRow = Awaited<ReturnType<typeof needsStore.questionnaires>>[number];

const questionsOf = (row: { questions: unknown }): Question[] => question.array().parse(row.questions);

function questionnaireView(row: QuestionnaireRow): QuestionnaireView {
  return {
    id: row.id,
    title: row.title,
    intro: row.intro,
    status: row.status,
    questions: questionsOf(row),
    responses: row.responses ?? 0,
  };
}

export async function listQuestionnaires(platform: Platform, caller: Caller) {
  const published = !canManage(actorOf(caller));
  return (await needsStore.questionnaires(platform.database.db, { published })).map(questionnaireView);
}

export async function getQuestionnaire(platform: Platform, caller: Caller, id: string) {
  const published = !canManage(actorOf(caller));
  const [row] = await needsStore.questionnaires(platform.database.db, { id, published });
  if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  return questionnaireView(row);
}

export async function createQuestionnaire(platform: Platform, caller: Caller, input: QuestionnaireInput) {
  const problems = questionnaireProblems(input.questions);
  if (problems.length) throw new Invalid(problems);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = {
      id,
      title: input.title,
      intro: input.intro,
      status: 'DRAFT' as const,
      questions: JSON.stringify(input.questions),
      createdAt: platform.clock.now(),
    };
    await needsStore.insertQuestionnaire(db, row);
    await audit({
      kind: 'change',
      action: 'council.questionnaire.create',
      entityType: 'council_questionnaire',
      entityId: id,
      before: null,
      after: { ...input },
    });
  });
  return getQuestionnaire(platform, caller, id);
}

/** Opens a draft to the answers, or closes an open questionnaire. */
export async function moveQuestionnaire(
  platform: Platform,
  caller: Caller,
  id: string,
  to: 'OPEN' | 'CLOSED',
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const [row] = await needsStore.questionnaires(db, { id });
    if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
    if ((to === 'OPEN' && row.status !== 'DRAFT') || (to === 'CLOSED' && row.status !== 'OPEN'))
      throw new Conflict(
        to === 'OPEN' ? 'Solo una bozza si apre alle risposte.' : 'Solo un questionario aperto si chiude.',
      );
    await needsStore.updateQuestionnaire(db, id, { status: to });
    await audit({
      kind: 'change',
      action: `council.questionnaire.${to === 'OPEN' ? 'open' : 'close'}`,
      entityType: 'council_questionnaire',
      entityId: id,
      before: { status: row.status },
      after: { status: to },
    });
  });
  return getQuestionnaire(platform, caller, id);
}

function responseView(row: Awaited<ReturnType<typeof needsStore.responses>>[number]): ResponseView {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    municipalityIstatCode: row.municipalityIstatCode,
    municipalityName: municipalityName(row.municipalityIstatCode),
    answers: row.answers as Record<string, AnswerValue>,
    submittedAt: row.submittedAt.toISOString(),
  };
}

/**
 * The actor's organisation answers for a municipality (a municipality only for itself); answering again replaces
 * its earlier answer for that municipality.
 */
export async function submitResponse(
  platform: Platform,
  caller: Caller,
  questionnaireId: string,
  input: { municipalityIstatCode: string; answers: Record<string, AnswerValue> },
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const [row] = await needsStore.questionnaires(db, { id: questionnaireId, published: true });
    if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
    if (row.status !== 'OPEN') throw new Conflict('Il questionario non accetta risposte.');
    const own = await needsStore.findOrganisationKind(db, actor.organisationId);
    const code = input.municipalityIstatCode;
    if (
      !isMunicipalityOfLodi(code) ||
      (own?.type === 'MUNICIPALITY' && own.municipalityIstatCode && own.municipalityIstatCode !== code)
    )
      throw new Invalid([
        {
          path: 'body.municipalityIstatCode',
          message: 'un comune risponde solo per sé; indicare un comune della provincia',
        },
      ]);
    const { kept, errors } = checkAnswers(questionsOf(row), input.answers);
    if (errors.length) throw new Invalid(errors);
    const id = newId();
    await needsStore.upsertResponse(db, {
      id,
      questionnaireId,
      organisationId: actor.organisationId,
      municipalityIstatCode: code,
      answers: JSON.stringify(kept),
      submittedAt: platform.clock.now(),
      submittedBy: actor.userId,
    });
    await audit({
      kind: 'change',
      action: 'council.response.submit',
      entityType: 'council_questionnaire',
      entityId: questionnaireId,
      before: null,
      after: { organisationId: actor.organisationId, municipalityIstatCode: code, answers: kept },
    });
  });
  return listResponses(platform, caller, questionnaireId);
}

/** The answers to a questionnaire: all of them for the secretariat, the organisation's own for a member. */
export async function listResponses(platform: Platform, caller: Caller, questionnaireId: string) {
  const actor = actorOf(caller);
  await getQuestionnaire(platform, caller, questionnaireId);
  const rows = await needsStore.responses(platform.database.db, {
    questionnaireId,
    ...(canManage(actor) ? {} : { organisationId: actor.organisationId }),
  });
  return rows.map(responseView);
}

/** The map of one theme: per municipality, the mean need reported, the services available, and the gaps. */
export async function needsMap(platform: Platform, theme: Theme): Promise<MapView> {
  const { db } = platform.database;
  const questionnaires = (await needsStore.questionnaires(db, { published: true })).map((row) => ({
    id: row.id,
    questions: questionsOf(row),
  }));
  const responses = (await needsStore.responses(db, {})).map((row) => ({
    questionnaireIndex: questionnaires.findIndex((q) => q.id === row.questionnaireId),
    municipality: row.municipalityIstatCode,
    answers: row.answers as Record<string, AnswerValue>,
  }));
  const levels = needsByMunicipality(theme, questionnaires, responses);
  const services = await needsStore.services(db, { theme });
  const province = provinceMap('full');
  return {
    theme,
    viewBox: province.viewBox,
    outline: province.outline,
    attribution: MAP_ATTRIBUTION,
    municipalities: province.shapes.map((shape) => {
      const level = levels.get(shape.code);
      const need = level ? Math.round((level.total / level.reports) * 10) / 10 : null;
      const count = services.filter((s) => s.municipalityIstatCode === shape.code).length;
      return { ...shape, need, reports: level?.reports ?? 0, services: count, isGap: isGap(need, count) };
    }),
  };
}
