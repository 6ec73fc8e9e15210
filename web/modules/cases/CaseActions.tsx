import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../ui/forms.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { type ActionOption, type CaseDetail, keys } from './requests.ts';

const TAKES_AWAY = ['REJECT', 'WITHDRAW', 'SEND_REJECTION_NOTICE'];

type CaseActionsProps = { detail: CaseDetail; onDone: (notice: string) => void };

/** What the user may do on the case now: the steps open to them, and those still blocked with the reason. */
export function CaseActions({ detail, onDone }: CaseActionsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [current, setCurrent] = useState<ActionOption | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBackToHeading, setBackToHeading] = useState(false);

  // Once the dialog has closed (and given focus back to a button that may be gone), the reader goes on from
  // the heading of the panel, where the outcome is announced.
  useEffect(() => {
    if (!isBackToHeading || current) return;
    setBackToHeading(false);
    headingRef.current?.focus();
  }, [isBackToHeading, current]);

  const done = (updated: CaseDetail) => {
    const label = current?.label ?? '';
    setCurrent(null);
    setProblem(null);
    queryClient.setQueryData(keys.case(detail.id), updated);
    void queryClient.invalidateQueries({ queryKey: ['cases', 'worklist'] });
    onDone(t('cases.actions.done', { action: label, state: updated.stateLabel }));
    setBackToHeading(true);
  };

  const conflict = (message: string) => {
    setCurrent(null);
    setProblem(`${message} ${t('cases.actions.refreshed')}`);
    void queryClient.invalidateQueries({ queryKey: keys.case(detail.id) });
    setBackToHeading(true);
  };

  return (
    <section aria-labelledby="pratica-azioni" className="mb-5">
      <h2 id="pratica-azioni" ref={headingRef} tabIndex={-1} className="h4">
        {t('cases.actions.heading')}
      </h2>
      <FormProblem message={problem} />
      {detail.actions.length === 0 ? (
        <p>{t('cases.actions.none')}</p>
      ) : (
        <ul className="list-unstyled">
          {detail.actions.map((option) => (
            <ActionItem key={`${option.action}-${option.to}`} option={option} onChoose={setCurrent} />
          ))}
        </ul>
      )}
      <ActionDialog
        caseId={detail.id}
        version={detail.version}
        action={current}
        onDone={done}
        onConflict={conflict}
        onCancel={() => setCurrent(null)}
      />
    </section>
  );
}

function ActionItem({
  option,
  onChoose,
}: {
  option: ActionOption;
  onChoose: (option: ActionOption) => void;
}) {
  const { t } = useTranslation();
  const reasonsId = useId();
  const isBlocked = option.blockedBy.length > 0;
  const tone = TAKES_AWAY.includes(option.action) ? 'btn-outline-danger' : 'btn-outline-primary';
  return (
    <li className="mb-3">
      <button
        type="button"
        className={`btn ${tone}`}
        disabled={isBlocked}
        aria-describedby={isBlocked ? reasonsId : undefined}
        onClick={() => onChoose(option)}
      >
        {option.label}
      </button>
      {isBlocked && (
        <div id={reasonsId} className="small mt-1">
          <span className="fw-semibold">{t('cases.actions.blocked')}</span>
          <ul className="mb-0">
            {option.blockedBy.map((blocker) => (
              <li key={blocker.guard}>{blocker.message}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
