import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OWNER_BUILDERS, OWNER_KINDS, type SurveyInput } from '../../../src/modules/surveys/contract.ts';
import { useSession } from '../../app/session.ts';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { QuestionnaireBuilder } from './QuestionnaireBuilder.tsx';
import { type QuestionnaireView, surveys, surveysKeys } from './requests.ts';

/** The contexts the back-office's questionnaire page builds for; the council builds its own from its pages. */
type PageKind = SurveyInput['ownerKind'];
const PAGE_KINDS: readonly PageKind[] = ['TRAINING_NEEDS', 'COURSE_EVALUATION', 'EVENT_FOLLOW_UP'];

/** The questionnaires a person answers (those they are invited to) and builds (those of their contexts). */
export function SurveysPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const page = pageFrom(params);
  const { data: session } = useSession();
  const roles = session?.roles ?? [];
  const kinds = PAGE_KINDS.filter((kind) => OWNER_BUILDERS[kind].some((role) => roles.includes(role)));
  const list = useQuery({
    queryKey: surveysKeys.list(page),
    queryFn: () => surveys.list(page),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title={t('modules.surveys.title')}>
      <p>{t('surveys.list.intro')}</p>
      <PagedList
        list={list}
        count={(total) => t('surveys.list.count', { count: total })}
        empty={t('surveys.list.empty')}
      >
        {(items) => <SurveyTable items={items} />}
      </PagedList>
      {kinds.length > 0 && (
        <QuestionnaireBuilder
          kinds={kinds}
          save={({ settings, ...questionnaire }) =>
            surveys.create({
              ...questionnaire,
              ...settings,
              // the builder offers only the page's kinds
              ownerKind: settings.ownerKind as PageKind,
            })
          }
          onSaved={(id) => {
            void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
            void navigate(`/questionari/${id}`);
          }}
        />
      )}
    </Page>
  );
}

function SurveyTable({ items }: { items: QuestionnaireView[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('surveys.list.tableLabel')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('surveys.list.title')}</th>
            <th scope="col">{t('surveys.list.purpose')}</th>
            <th scope="col">{t('surveys.list.status')}</th>
            <th scope="col">{t('surveys.list.answers')}</th>
            <th scope="col">{t('surveys.list.you')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((q) => (
            <tr key={q.id}>
              <th scope="row">
                <Link to={`/questionari/${q.id}`}>{q.title}</Link>
                {q.anonymous && <span className="badge bg-secondary ms-2">{t('surveys.anonymous')}</span>}
              </th>
              <td>
                {OWNER_KINDS[q.ownerKind]}
                {q.ownerLabel && <div className="small">{q.ownerLabel}</div>}
              </td>
              <td>{t(`surveys.status.${q.status}`)}</td>
              <td>{t('surveys.list.answerCount', { count: q.responses })}</td>
              <td>
                <YourPart questionnaire={q} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function YourPart({ questionnaire: q }: { questionnaire: QuestionnaireView }) {
  const { t } = useTranslation();
  if (q.hasAnswered) return t('surveys.list.answered');
  if (q.isInvited && q.status === 'OPEN') return t('surveys.list.toAnswer');
  if (q.canBuild) return t('surveys.list.builder');
  return null;
}
