/**
 * Use cases of needs and resources: the directory of territorial services (each organisation edits its own),
 * questionnaires (the surveys module's) built by the secretariat and answered per organisation and municipality,
 * and the map that
 * sets the needs reported against the services available, theme by theme.
 */
import type { Caller } from '../../../kernel/auth.ts';
import { Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { MAP_ATTRIBUTION, provinceMap } from '../../../kernel/territory/map.ts';
import {
  isMunicipalityOfProvince,
  municipalityName,
  servedProvince,
} from '../../../kernel/territory/province.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import * as surveys from '../../surveys/service.ts';
import type { Theme } from '../contract.ts';
import { actorOf, canManage } from '../service.ts';
import type {
  AnswerValue,
  MapView,
  QuestionnaireInput,
  ResponseView,
  ServiceInput,
  ServiceView,
} from './contract.ts';
import { publishedFields } from './directory.ts';
import { isGap, needsByMunicipality } from './rules.ts';
import * as needsStore from './store.ts';

const SERVICE_NOT_FOUND = 'Il servizio non esiste o non è modificabile dal tuo ente.';

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
/** A service is in a municipality of the province served. */
function checkMunicipality(code: string): void {
  if (!isMunicipalityOfProvince(code))
    throw new Invalid([
      {
        path: 'body.municipalityIstatCode',
        message: `scegliere un comune della provincia di ${servedProvince().name}`,
      },
    ]);
}

export async function createService(platform: Platform, caller: Caller, input: ServiceInput) {
  const actor = actorOf(caller);
  checkMunicipality(input.municipalityIstatCode);
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
  checkMunicipality(input.municipalityIstatCode);
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

// ---- questionnaires: the surveys module's, owned by the needs analysis and answered per organisation

const NEEDS = { kind: 'COUNCIL_NEEDS', answeredBy: 'ORGANISATION' } as const;

export async function listQuestionnaires(platform: Platform, caller: Caller) {
  return surveys.listOwnerSurveys(platform, caller, NEEDS);
}

/** A needs questionnaire, reached through the council's pages; any other questionnaire is not found here. */
export async function getQuestionnaire(platform: Platform, caller: Caller, id: string) {
  const questionnaire = await surveys.getSurvey(platform, caller, id, 'owner');
  if (questionnaire.ownerKind !== NEEDS.kind || questionnaire.answeredBy !== NEEDS.answeredBy)
    throw new NotFound(surveys.QUESTIONNAIRE_NOT_FOUND);
  return questionnaire;
}

export async function createQuestionnaire(platform: Platform, caller: Caller, input: QuestionnaireInput) {
  return surveys.createSurvey(
    platform,
    caller,
    { kind: NEEDS.kind },
    { ...input, answeredBy: NEEDS.answeredBy, anonymous: false },
  );
}

/** Opens a draft to the answers, or closes an open questionnaire. */
export async function moveQuestionnaire(
  platform: Platform,
  caller: Caller,
  id: string,
  to: 'OPEN' | 'CLOSED',
) {
  await getQuestionnaire(platform, caller, id);
  return surveys.moveSurvey(platform, caller, id, to);
}

function responseView(row: Awaited<ReturnType<typeof surveys.organisationResponses>>[number]): ResponseView {
  const code = row.municipalityIstatCode ?? '';
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    municipalityIstatCode: code,
    municipalityName: municipalityName(code),
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
  await getQuestionnaire(platform, caller, questionnaireId);
  const own = await needsStore.findOrganisationKind(platform.database.db, actor.organisationId);
  const code = input.municipalityIstatCode;
  if (
    !isMunicipalityOfProvince(code) ||
    (own?.type === 'MUNICIPALITY' && own.municipalityIstatCode && own.municipalityIstatCode !== code)
  )
    throw new Invalid([
      {
        path: 'body.municipalityIstatCode',
        message: 'un comune risponde solo per sé; indicare un comune della provincia',
      },
    ]);
  await surveys.submitAnswer(platform, caller, questionnaireId, input, 'owner');
  return listResponses(platform, caller, questionnaireId);
}

/** The answers to a questionnaire: all of them for the secretariat, the organisation's own for a member. */
export async function listResponses(platform: Platform, caller: Caller, questionnaireId: string) {
  await getQuestionnaire(platform, caller, questionnaireId);
  return (await surveys.organisationResponses(platform, caller, questionnaireId, 'owner')).map(responseView);
}

/** The map of one theme: per municipality, the mean need reported, the services available, and the gaps. */
export async function needsMap(platform: Platform, theme: Theme): Promise<MapView> {
  const { db } = platform.database;
  const { questionnaires, responses: answers } = await surveys.ownerAnswers(platform, NEEDS.kind);
  const responses = answers.map((row) => ({
    questionnaireIndex: questionnaires.findIndex((q) => q.id === row.questionnaireId),
    municipality: row.municipalityIstatCode ?? '',
    answers: row.answers,
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
