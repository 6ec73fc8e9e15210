import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { TextField } from '../../ui/fields.tsx';

export type WhenWhere = { day: string; time: string; place: string; onlineUrl: string };

type Field = { registration: UseFormRegisterReturn; error: FieldError | undefined };

/** When and where a meeting takes place: day and time on the Prefettura's clock, place and online link. */
export function WhenWhereFields({ fields }: { fields: Record<keyof WhenWhere, Field> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="row">
        <div className="col-6 col-md-3">
          <TextField type="date" label={t('council.meetings.day')} {...fields.day} />
        </div>
        <div className="col-6 col-md-3">
          <TextField type="time" label={t('council.meetings.time')} {...fields.time} />
        </div>
        <div className="col-12 col-md-6">
          <TextField label={t('council.meetings.place')} {...fields.place} />
        </div>
      </div>
      <TextField
        type="url"
        label={t('council.meetings.onlineUrl')}
        hint={t('council.meetings.whereHint')}
        {...fields.onlineUrl}
      />
    </>
  );
}

/** The server names `startsAt`; the forms ask for it as a day and a time, and show the message at the day. */
export function startsAtAsDay(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.problem.errors?.map((item) =>
    item.path === 'body.startsAt' ? { ...item, path: 'body.day' } : item,
  );
  return new ApiError({ ...error.problem, ...(errors ? { errors } : {}) });
}

export const blankAsNull = (value: string) => (value.trim() === '' ? null : value);
