import i18next from 'i18next';
import { z } from 'zod';
import { changePasswordInput, passwordResetConfirmInput } from '../../../src/modules/identity/contract.ts';

/** The new password is typed twice, so that a typing mistake does not lock the user out. */
const confirmation = z.string();
const isConfirmed = (values: { newPassword: string; confirmation: string }) =>
  values.newPassword === values.confirmation;
const mismatch = { path: ['confirmation'], error: () => i18next.t('password.mismatch') };

export const setPasswordForm = passwordResetConfirmInput
  .extend({ confirmation })
  .refine(isConfirmed, mismatch);
export const changePasswordForm = changePasswordInput.extend({ confirmation }).refine(isConfirmed, mismatch);
