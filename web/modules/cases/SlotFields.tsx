import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { slotView } from '../../../src/modules/cases/appointments/contract.ts';
import { ApiError, fieldPath } from '../../app/api.ts';
import { SelectField, sentence } from '../../ui/fields.tsx';
import { LoadError } from '../../ui/Loading.tsx';
import { slotLabel, slotsByDay } from './appointmentTimes.ts';
import { type DeskView, desks, keys, type Slot } from './requests.ts';

type SlotFieldsProps = {
  deskList: readonly DeskView[];
  /** The desk chosen now, whose free slots are offered. */
  deskId: string;
  deskField: UseFormRegisterReturn;
  slotField: UseFormRegisterReturn;
  errors: { deskId?: FieldError | undefined; startsAt?: FieldError | undefined };
  /** Slots the server proposed when it refused one: offered too, even beyond the two weeks listed. */
  proposals?: readonly Slot[];
};

/** A desk, then one of its free slots of the next two weeks, grouped by day. */
export function SlotFields({
  deskList,
  deskId,
  deskField,
  slotField,
  errors,
  proposals = [],
}: SlotFieldsProps) {
  const { t } = useTranslation();
  const free = useQuery({
    queryKey: keys.slots(deskId),
    queryFn: () => desks.freeSlotsOfTwoWeeks(deskId),
    enabled: deskId !== '',
  });
  const known = new Set(free.data?.map((slot) => slot.startsAt));
  const choices = [...(free.data ?? []), ...proposals.filter((slot) => !known.has(slot.startsAt))];
  const placeholder =
    deskId !== '' && free.isPending
      ? t('common.loading')
      : deskId !== '' && choices.length === 0
        ? t('cases.appointments.noSlots')
        : t('filters.choose');

  return (
    <>
      <SelectField label={t('cases.appointments.desk')} registration={deskField} error={errors.deskId}>
        <option value="">{t('filters.choose')}</option>
        {deskList.map((desk) => (
          <option key={desk.id} value={desk.id}>
            {desk.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('cases.appointments.slot')}
        hint={t('cases.appointments.slotHint')}
        registration={slotField}
        error={errors.startsAt}
      >
        <option value="">{placeholder}</option>
        {slotsByDay(choices).map((group) => (
          <optgroup key={group.day} label={group.label}>
            {group.slots.map((slot) => (
              <option key={slot.startsAt} value={slot.startsAt}>
                {slotLabel(slot)}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {free.error && <LoadError error={free.error} />}
    </>
  );
}

/** What the server refused of a booking: its explanation, the fields at fault, the free slots it proposes. */
export type Refusal = { message: string; fields: Record<string, string>; proposals: Slot[] };

const proposedSlots = z.array(slotView);

/**
 * Reads a refused booking. `fieldOf` names the form field an API field is shown on (null: the form has none,
 * and its message joins the form's).
 */
export function refusalOf(error: unknown, fieldOf: (apiField: string) => string | null): Refusal {
  if (!(error instanceof ApiError))
    return { message: i18next.t('errors.generic'), fields: {}, proposals: [] };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { path, message } of error.problem.errors ?? []) {
    const apiField = fieldPath(path);
    const field = fieldOf(apiField);
    const text = sentence(message) ?? message;
    if (field) fields[field] ??= text;
    else unplaced.push(text);
  }
  const extensions = error.problem as { nextFreeSlots?: unknown };
  const proposals = proposedSlots.safeParse(extensions.nextFreeSlots);
  return {
    message: [error.userMessage, ...unplaced].join(' '),
    fields,
    proposals: proposals.success ? proposals.data : [],
  };
}

type SlotRefusalProps = { refusal: Refusal | null; onChoose: (slot: Slot) => void };

/** The refusal of a booking, announced, with the slots the server proposes instead to pick from. */
export function SlotRefusal({ refusal, onChoose }: SlotRefusalProps) {
  const { t } = useTranslation();
  if (!refusal) return null;
  return (
    <div className="alert alert-danger" role="alert">
      <p className={refusal.proposals.length ? 'mb-2' : 'mb-0'}>{refusal.message}</p>
      {refusal.proposals.length > 0 && (
        <>
          <p className="mb-1">{t('cases.appointments.proposals')}</p>
          <ul className="mb-0">
            {refusal.proposals.map((slot) => (
              <li key={slot.startsAt}>
                <button type="button" className="btn btn-link p-0 text-start" onClick={() => onChoose(slot)}>
                  {slotLabel(slot)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
