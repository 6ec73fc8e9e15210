import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_REASON_LABELS,
  FEEDBACK_REASONS,
  type FeedbackCount,
} from '../../../src/modules/portal/sheets/contract.ts';
import { api } from '../../app/api.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';

const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });

/** What readers answered to "was this page useful?", per sheet and language: counts only. */
export function FeedbackCounts() {
  const { t } = useTranslation();
  const counts = useQuery({
    queryKey: ['portal', 'sheets', 'feedback'],
    queryFn: () => api.get<FeedbackCount[]>('/api/portal/sheets/feedback'),
  });
  return (
    <section aria-labelledby="feedback-counts" className="mt-5">
      <h2 id="feedback-counts" className="h4">
        {t('portal.feedback.title')}
      </h2>
      <p>{t('portal.feedback.intro')}</p>
      {counts.isPending ? (
        <Loading />
      ) : counts.error ? (
        <LoadError error={counts.error} />
      ) : counts.data.length === 0 ? (
        <p>{t('portal.feedback.empty')}</p>
      ) : (
        <TableScroll label={t('portal.feedback.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('portal.sheets.sheet')}</th>
                <th scope="col">{t('portal.sheets.language')}</th>
                <th scope="col">{t('portal.feedback.useful')}</th>
                <th scope="col">{t('portal.feedback.notUseful')}</th>
                <th scope="col">{t('portal.feedback.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.data.map((count) => (
                <tr key={`${count.code}/${count.language}`}>
                  <td>{count.title}</td>
                  <td>{languageNames.of(count.language)}</td>
                  <td>{count.useful}</td>
                  <td>{count.notUseful}</td>
                  <td>
                    {FEEDBACK_REASONS.filter((reason) => count.reasons[reason] > 0)
                      .map((reason) => `${FEEDBACK_REASON_LABELS[reason]}: ${count.reasons[reason]}`)
                      .join('; ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
