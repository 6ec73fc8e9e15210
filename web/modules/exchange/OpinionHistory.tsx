import { useTranslation } from 'react-i18next';
import { OPINION_OUTCOMES } from '../../../src/modules/exchange/contract.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { type Answer, type OpinionDetail, opinions, type Question } from './requests.ts';

const answerAnchor = (id: string) => `risposta-${id}`;

/** The questions to the SUI with their replies, and the answers with the corrections linked to what they correct. */
export function OpinionHistory({ opinion }: { opinion: OpinionDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="parere-storico" className="mb-5">
      <h2 id="parere-storico" className="h4">
        {t('exchange.history.heading')}
      </h2>
      <h3 className="h5">{t('exchange.history.questions')}</h3>
      {opinion.questions.length === 0 ? (
        <p>{t('exchange.history.noQuestions')}</p>
      ) : (
        <ol className="list-unstyled">
          {opinion.questions.map((question) => (
            <QuestionItem key={question.id} question={question} />
          ))}
        </ol>
      )}
      <h3 className="h5">{t('exchange.history.answers')}</h3>
      {opinion.answers.length === 0 ? (
        <p>{t('exchange.history.noAnswers')}</p>
      ) : (
        <ol className="list-unstyled">
          {opinion.answers.map((answer) => (
            <AnswerItem key={answer.id} opinionId={opinion.id} answer={answer} answers={opinion.answers} />
          ))}
        </ol>
      )}
    </section>
  );
}

function QuestionItem({ question }: { question: Question }) {
  const { t } = useTranslation();
  return (
    <li className="mb-3 border-start ps-3">
      <p className="fw-semibold mb-1">
        {t('exchange.history.asked', { by: question.askedBy, date: formatDate(question.askedOn) })}
      </p>
      <p className="lovit-prose">{question.question}</p>
      {question.reply === null ? (
        <p className="fst-italic">{t('exchange.history.awaitingReply')}</p>
      ) : (
        <>
          <p className="fw-semibold mb-1">
            {t('exchange.history.replied', {
              by: question.repliedBy ?? '',
              date: formatDate(question.repliedOn),
            })}
          </p>
          <p className="lovit-prose">{question.reply}</p>
        </>
      )}
    </li>
  );
}

function AnswerItem({
  opinionId,
  answer,
  answers,
}: {
  opinionId: string;
  answer: Answer;
  answers: Answer[];
}) {
  const { t } = useTranslation();
  const corrected = answers.find((other) => other.id === answer.correctsId);
  const correction = answers.find((other) => other.correctsId === answer.id);
  return (
    <li id={answerAnchor(answer.id)} className="mb-3 border-start ps-3">
      <p className="fw-semibold mb-1">
        {t('exchange.history.answered', {
          outcome: OPINION_OUTCOMES[answer.outcome],
          by: answer.answeredBy,
          at: formatDateTime(answer.answeredAt),
        })}
      </p>
      {corrected && (
        <p className="mb-1">
          <a href={`#${answerAnchor(corrected.id)}`}>
            {t('exchange.history.corrects', { date: formatDateTime(corrected.answeredAt) })}
          </a>
        </p>
      )}
      {correction && (
        <p className="mb-1">
          <a href={`#${answerAnchor(correction.id)}`}>
            {t('exchange.history.correctedBy', { date: formatDateTime(correction.answeredAt) })}
          </a>
        </p>
      )}
      {answer.reasons && <p className="lovit-prose">{answer.reasons}</p>}
      {answer.attachments.length > 0 && (
        <ul className="mb-1">
          {answer.attachments.map((file) => (
            <li key={file.sha256}>
              <a href={opinions.attachmentUrl(opinionId, file.sha256)} download={file.filename}>
                {t('exchange.history.attachment', {
                  name: file.filename,
                  size: Math.max(1, Math.round(file.size / 1024)),
                })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
