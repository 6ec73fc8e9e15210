import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { checkInInput } from '../../../src/modules/training/contract.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { keys, training } from './requests.ts';

/**
 * The participant's check-in, on a phone: the QR on the trainer's screen opens this page with the session and
 * the code filled in; without it, the participant types the code they see.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const sessionId = params.get('sessione') ?? undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({
    resolver: resolverWithBlanksAsNull(checkInInput, []),
    defaultValues: { code: params.get('codice') ?? '', ...(sessionId ? { sessionId } : {}) },
  });
  const checkIn = useMutation({
    mutationFn: training.checkIn,
    onSuccess: (result) => {
      setProblem(null);
      setDone(result.message);
      form.reset({ code: '' });
      void queryClient.invalidateQueries({ queryKey: keys.mine });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['code'])),
  });
  return (
    <Page
      title={t('training.checkIn.title')}
      trail={[{ label: t('modules.training.title'), to: '/formazione' }]}
    >
      <Notice message={done} />
      {!done && (
        <form
          onSubmit={form.handleSubmit((values) => checkIn.mutate(values))}
          noValidate
          className="lovit-form"
        >
          <p>{t('training.checkIn.intro')}</p>
          <TextField
            label={t('training.checkIn.code')}
            hint={t('training.checkIn.hint')}
            autoComplete="off"
            autoCapitalize="characters"
            inputMode="text"
            registration={form.register('code')}
            error={form.formState.errors.code}
          />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={checkIn.isPending}>
            {t('training.checkIn.submit')}
          </button>
        </form>
      )}
    </Page>
  );
}
