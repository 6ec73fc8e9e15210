import { useTranslation } from 'react-i18next';
import { CaseAppointments } from './CaseAppointments.tsx';
import { Item } from './DetailItem.tsx';
import type { CaseDetail } from './requests.ts';
import { languageName } from './vocabulary.ts';

/**
 * A case as its mediator sees it (decision 049): who the applicant is, the language, the procedure and its
 * state, and the appointments; nothing of the file itself.
 */
export function CaseForMediator({
  detail,
  onDone,
}: {
  detail: CaseDetail;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="pratica-sintesi" className="mb-5">
        <h2 id="pratica-sintesi" className="visually-hidden">
          {t('cases.case.summary')}
        </h2>
        <p className="lead mb-4">{detail.title}</p>
        <dl className="row">
          <Item label={t('cases.case.type')}>{detail.typeName}</Item>
          <Item label={t('cases.case.state')}>{detail.stateLabel}</Item>
          <Item label={t('cases.case.language')}>{languageName(detail.language) || t('common.none')}</Item>
        </dl>
        <p className="small">{t('cases.case.mediatorView')}</p>
      </section>
      <CaseAppointments detail={detail} onDone={onDone} />
    </>
  );
}
