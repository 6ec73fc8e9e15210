/** Exports of the needs survey: the surveys module's, with the municipality each answer is for. */
import type { Caller } from '../../../kernel/auth.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { municipalityName } from '../../../kernel/territory/province.ts';
import { answersCsv, answersXlsx, type LeadColumns, organisationColumns } from '../../surveys/service.ts';
import { getQuestionnaire } from './service.ts';

const municipalityColumns: LeadColumns = {
  header: ['Ente', 'Comune', 'Codice ISTAT', 'Inviato il'],
  cells: (answer) => {
    const [organisation, sent] = organisationColumns.cells(answer);
    const code = answer.municipalityIstatCode ?? '';
    return [organisation ?? '', municipalityName(code), code, sent ?? ''];
  },
};

export async function responsesCsv(platform: Platform, caller: Caller, questionnaireId: string) {
  await getQuestionnaire(platform, caller, questionnaireId);
  return answersCsv(platform, caller, questionnaireId, 'owner', municipalityColumns);
}

export async function responsesXlsx(platform: Platform, caller: Caller, questionnaireId: string) {
  await getQuestionnaire(platform, caller, questionnaireId);
  return answersXlsx(platform, caller, questionnaireId, 'owner', municipalityColumns);
}
