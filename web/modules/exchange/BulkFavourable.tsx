import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { keys, opinions } from './requests.ts';

type BulkFavourableProps = { selected: readonly string[]; onDone: (notice: string) => void };

/**
 * The officer answers the selected opinions favourably at once, after confirming how many: the server
 * records them only if the confirmed number matches the selection, and all of them or none.
 */
export function BulkFavourable({ selected, onDone }: BulkFavourableProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const answer = useMutation({
    mutationFn: () => opinions.answerFavourably([...selected]),
    onSuccess: ({ answered }) => {
      setConfirming(false);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onDone(t('exchange.bulk.done', { count: answered }));
    },
    onError: (failure) => {
      setConfirming(false);
      // some were answered or withdrawn meanwhile: the list shows them as they are now
      void queryClient.invalidateQueries({ queryKey: keys.all });
      setProblem(failure instanceof ApiError ? failure.userMessage : t('errors.generic'));
    },
  });

  const start = () => {
    setProblem(null);
    if (selected.length === 0) setProblem(t('exchange.bulk.noneSelected'));
    else setConfirming(true);
  };

  return (
    <section aria-labelledby="pareri-favorevoli" className="mb-4">
      <h2 id="pareri-favorevoli" className="h5">
        {t('exchange.bulk.heading')}
      </h2>
      <p role="status">{t('exchange.bulk.selected', { count: selected.length })}</p>
      <button type="button" className="btn btn-primary" onClick={start}>
        {t('exchange.bulk.submit')}
      </button>
      <FormProblem message={problem} />
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('exchange.bulk.confirmTitle', { count: selected.length })}
        message={t('exchange.bulk.confirmMessage', { count: selected.length })}
        confirmLabel={t('exchange.bulk.confirm', { count: selected.length })}
        isPending={answer.isPending}
        onConfirm={() => answer.mutate()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
