/**
 * The questionnaire after an event, kept by the surveys module: the staff launch it to the checked-in people or to
 * every confirmed one, each invited by e-mail with a link to answer without an account. It is always anonymous
 * (decision 069): the event knows who answered, never what. The staff close it and read its results.
 */
import type { Caller } from '../../../../kernel/auth.ts';
import { Conflict, NotFound } from '../../../../kernel/errors.ts';
import type { Platform } from '../../../../kernel/platform.ts';
import { writeTransaction } from '../../../../kernel/transaction.ts';
import { translator } from '../../../portal/languages.ts';
import type { AnswerValue, Question, ResultsView } from '../../../surveys/contract.ts';
import * as surveys from '../../../surveys/service.ts';
import type { FollowUpSurveyInput } from './contract.ts';
import { checkFollowUp, followUpUrl, signFollowUp } from './links.ts';
import { followUpRecipients } from './rules.ts';
import * as store from './store.ts';

const NOT_LAUNCHED = 'Il questionario di questo evento non è stato inviato.';

/** The questions every follow-up asks, translated on the public page by their keys. */
export const FOLLOW_UP_QUESTIONS: Question[] = [
  {
    kind: 'SCALE',
    key: 'overall',
    label: 'Quanto è soddisfatto/a dell’evento nel complesso?',
    required: true,
  },
  {
    kind: 'SCALE',
    key: 'useful',
    label: 'Quanto le sono state utili le informazioni ricevute?',
    required: true,
  },
  {
    kind: 'SCALE',
    key: 'access',
    label: 'Quanto è stato facile partecipare (luogo, orari, accessibilità, lingua)?',
    required: true,
  },
  {
    kind: 'CHOICE',
    key: 'again',
    label: 'Parteciperebbe a un altro evento del progetto?',
    required: true,
    options: ['Sì', 'No', 'Non so'],
  },
  { kind: 'TEXT', key: 'suggestions', label: 'Che cosa possiamo migliorare?', required: false },
];

/** What the staff start from: title and intro they may change, the questions as they are. */
export const PROPOSAL = {
  title: 'Com’è andato l’evento?',
  intro:
    'Grazie per aver partecipato. Il questionario è anonimo e richiede due minuti: ci aiuta a preparare i prossimi eventi.',
  questions: FOLLOW_UP_QUESTIONS.map((question) => question.label),
};

/** The event's questionnaire as the staff follow it, or null before it is launched. */
export async function followUpSurvey(platform: Platform, eventId: string) {
  const { db } = platform.database;
  const row = await store.followUpOf(db, eventId);
  if (!row) return null;
  const survey = await surveys.ownedSurvey(platform, row.questionnaireId);
  return {
    questionnaireId: row.questionnaireId,
    title: survey.title,
    status: survey.status,
    audience: row.audience,
    launchedAt: row.launchedAt,
    invited: await store.invitedCount(db, row.questionnaireId),
    answered: await store.answeredCount(db, row.questionnaireId),
  };
}

async function launchedSurvey(platform: Platform, eventId: string) {
  const survey = await followUpSurvey(platform, eventId);
  if (!survey) throw new NotFound(NOT_LAUNCHED);
  return survey;
}

/** Launches the event's questionnaire and sends the invitations, in one transaction with its record. */
export async function launchFollowUp(
  platform: Platform,
  caller: Caller,
  eventId: string,
  input: FollowUpSurveyInput,
) {
  const { db } = platform.database;
  const event = await store.findEvent(db, eventId);
  if (!event || !caller.actor) throw new NotFound('L’evento non esiste.');
  const by = caller.actor.userId;
  const ended = await store.firstEndOf(db, eventId);
  if (!ended || ended > platform.clock.now())
    throw new Conflict('Il questionario si invia dopo l’evento: nessuna data è ancora conclusa.');
  const recipients = followUpRecipients(
    (await store.confirmedOf(db, eventId)).map((row) => ({
      ...row,
      registrationId: row.id,
      checkIns: Number(row.checkIns ?? 0),
    })),
    input.audience,
  );
  if (recipients.length === 0)
    throw new Conflict(
      input.audience === 'CHECKED_IN'
        ? 'Nessuno è stato registrato all’ingresso: scegliere di inviarlo a tutti gli iscritti confermati.'
        : 'L’evento non ha iscritti confermati a cui inviare il questionario.',
    );
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    const questionnaireId = await surveys.launchOwnedSurvey(
      unit,
      platform,
      { kind: 'EVENT_FOLLOW_UP', id: eventId, label: event.title },
      {
        title: input.title,
        intro: input.intro,
        questions: FOLLOW_UP_QUESTIONS,
        anonymous: true,
        reminderDays: null,
      },
      [],
    );
    const launched = await store.insertFollowUp(unit.db, {
      eventId,
      questionnaireId,
      audience: input.audience,
      launchedAt: platform.clock.now(),
      launchedBy: by,
    });
    if (!launched) throw new Conflict('Il questionario di questo evento è già stato inviato.');
    await store.insertInvitations(
      unit.db,
      questionnaireId,
      recipients.map((person) => person.id),
    );
    for (const person of recipients) {
      const t = translator(person.language);
      const title = (await store.titleIn(unit.db, eventId, person.language)) ?? event.title;
      const link = followUpUrl(
        platform.config.publicUrl,
        person.language,
        await signFollowUp(platform, person.id),
      );
      await unit.mail(
        {
          to: person.email,
          subject: t('eventCertificate.survey.mailSubject', { event: title }),
          text: [
            t('eventCertificate.mail.greeting', { name: person.name }),
            '',
            t('eventCertificate.survey.mailBody', { event: title }),
            '',
            t('eventCertificate.survey.mailLink', { link }),
            '',
            t('eventCertificate.mail.signature'),
          ].join('\n'),
        },
        { topic: 'outreach.follow-up.invitation', entityId: person.id },
      );
    }
    await unit.audit({
      kind: 'change',
      action: 'outreach.follow-up.launch',
      entityType: 'outreach_event',
      entityId: eventId,
      after: { questionnaireId, audience: input.audience, invited: recipients.map((person) => person.id) },
    });
  });
  return launchedSurvey(platform, eventId);
}

async function mustFindFollowUp(platform: Platform, eventId: string) {
  const row = await store.followUpOf(platform.database.db, eventId);
  if (!row) throw new NotFound(NOT_LAUNCHED);
  return row;
}

/** Closes the questionnaire: its anonymous answers are released, and its results may be read. */
export async function closeFollowUp(platform: Platform, caller: Caller, eventId: string) {
  const row = await mustFindFollowUp(platform, eventId);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await surveys.closeOwnedSurvey(unit, row.questionnaireId)))
      throw new Conflict('Il questionario è già chiuso.');
  });
  return launchedSurvey(platform, eventId);
}

export async function followUpResults(platform: Platform, eventId: string): Promise<ResultsView> {
  const row = await mustFindFollowUp(platform, eventId);
  return surveys.ownedResults(platform, row.questionnaireId);
}

export type Invitation = {
  questionnaireId: string;
  registrationId: string;
  eventId: string;
  title: string;
  intro: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
  hasAnswered: boolean;
  questions: Question[];
};

/** The invitation a link opens; why not, when it opens none. */
export async function openInvitation(
  platform: Platform,
  token: string,
): Promise<{ ok: true; invitation: Invitation } | { ok: false; reason: 'invalid' | 'expired' }> {
  const check = await checkFollowUp(platform, token);
  if (!check.ok) return check;
  const { db } = platform.database;
  const standing = await store.standingOf(db, check.subjectId);
  const followUp = standing && (await store.followUpOf(db, standing.eventId));
  const invitation = followUp && (await store.findInvitation(db, followUp.questionnaireId, check.subjectId));
  if (!invitation) return { ok: false, reason: 'invalid' };
  const survey = await surveys.ownedSurvey(platform, invitation.questionnaireId);
  return {
    ok: true,
    invitation: {
      ...invitation,
      title: survey.title,
      intro: survey.intro,
      status: survey.status,
      questions: survey.questions,
    },
  };
}

/** Keeps an answer of an invited person: anonymous, once. */
export async function answerFollowUp(
  platform: Platform,
  invitation: Invitation,
  answers: Record<string, AnswerValue>,
): Promise<void> {
  const { questionnaireId, registrationId } = invitation;
  await surveys.submitGuestAnswer(platform, questionnaireId, answers, {
    mark: (db) => store.markAnswered(db, questionnaireId, registrationId, true),
    unmark: async (db) => {
      await store.markAnswered(db, questionnaireId, registrationId, false);
    },
  });
}
