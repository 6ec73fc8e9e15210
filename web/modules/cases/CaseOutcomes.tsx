import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/dates.ts';
import { type CaseDetail, cases, outcomesOf } from './requests.ts';

/** The documents the case ended with (nulla osta, decree of rejection), once the server lists them. */
export function CaseOutcomes({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const outcomes = outcomesOf(detail);
  if (outcomes === null) return null;
  return (
    <section aria-labelledby="pratica-esiti" className="mb-5">
      <h2 id="pratica-esiti" className="h4">
        {t('cases.outcomes.heading')}
      </h2>
      {outcomes.length === 0 ? (
        <p>{t('cases.outcomes.none')}</p>
      ) : (
        <ul className="list-unstyled">
          {outcomes.map((outcome) => {
            const label = outcome.label ?? outcome.code ?? t('cases.outcomes.document');
            return (
              <li key={outcome.id} className="mb-3">
                <p className="fw-semibold mb-1">
                  {label}
                  {outcome.number && ` n. ${outcome.number}`}
                </p>
                <p className="mb-1">
                  {outcome.issuedOn && t('cases.outcomes.issuedOn', { date: formatDate(outcome.issuedOn) })}
                  {outcome.validUntil &&
                    ` – ${t('cases.outcomes.validUntil', { date: formatDate(outcome.validUntil) })}`}
                </p>
                {outcome.verificationCode && (
                  <p className="mb-1">
                    {t('cases.outcomes.verificationCode')} <code>{outcome.verificationCode}</code>
                  </p>
                )}
                <a href={outcome.pdfUrl ?? cases.outcomePdfUrl(detail.id, outcome.id)} download>
                  {t('cases.outcomes.download')}
                  <span className="visually-hidden"> – {label}</span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
