import { useTranslation } from 'react-i18next';
import type { CaseDetail } from './requests.ts';

type Explanation = NonNullable<CaseDetail['deadline']>['explanation'];

/**
 * How the due date was reached, line by line (start, term and its source, suspensions, roll-overs off Sundays
 * and holidays), so that an operator, the applicant's lawyer or a judge can check it.
 */
export function DueDateExplanation({ explanation }: { explanation: Explanation }) {
  const { t } = useTranslation();
  return (
    <details className="mb-4">
      <summary>{t('cases.case.explanation')}</summary>
      <ol className="mt-2">
        {explanation.lines.map((line) => (
          <li key={`${line.topic}-${line.text}`}>{line.text}</li>
        ))}
      </ol>
    </details>
  );
}
