import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../src/modules/identity/contract.ts';
import { ApiError } from '../../app/api.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FormProblem } from '../../ui/forms.tsx';
import { keys, users } from './requests.ts';
import { userStatus } from './userStatus.ts';

type Action = 'deactivate' | 'activate' | 'unlock' | 'invite';

/** Deactivating (after confirmation), reactivating, ending the waits failed sign-ins imposed, and inviting again. */
export function UserAccountActions({ user, onChanged }: { user: User; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: Action) => users.act(user.id, action),
    onSuccess: (_, action) => {
      setConfirming(false);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: keys.user(user.id) });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onChanged(t(`users.done.${action}`));
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic'));
    },
  });
  const name = `${user.givenName} ${user.familyName}`;

  return (
    <>
      <FormProblem message={problem} />
      <div className="d-flex flex-wrap gap-3">
        {userStatus(user) === 'slowed' && (
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => act.mutate('unlock')}
            disabled={act.isPending}
          >
            {t('users.unlock')}
          </button>
        )}
        {userStatus(user) === 'invited' && (
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => act.mutate('invite')}
            disabled={act.isPending}
          >
            {t('users.reinvite')}
          </button>
        )}
        {user.isActive ? (
          <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
            {t('users.deactivate')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => act.mutate('activate')}
            disabled={act.isPending}
          >
            {t('users.activate')}
          </button>
        )}
      </div>
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('users.confirmTitle', { name })}
        message={t('users.confirmMessage')}
        confirmLabel={t('users.deactivate')}
        isPending={act.isPending}
        onConfirm={() => act.mutate('deactivate')}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
