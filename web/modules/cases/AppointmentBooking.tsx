import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { useState } from 'react';
import { type Path, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { text } from '../../../src/kernel/contract.ts';
import {
  APPOINTMENT_PURPOSES,
  type AppointmentPurpose,
  bookingInput,
} from '../../../src/modules/cases/appointments/contract.ts';
import { SelectField } from '../../ui/fields.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { appointmentWhen } from './appointmentTimes.ts';
import { appointments, type DeskView, desks, keys, mediators } from './requests.ts';
import { type Refusal, refusalOf, SlotFields, SlotRefusal } from './SlotFields.tsx';
import { TextAreaField } from './TextAreaField.tsx';
import { languageName } from './vocabulary.ts';

const PURPOSES = Object.keys(APPOINTMENT_PURPOSES) as AppointmentPurpose[];
/** The most documents one convocation lists (as the API accepts). */
const MAX_DOCUMENTS = 20;

const documentLines = z.array(text(200)).max(MAX_DOCUMENTS, `al massimo ${MAX_DOCUMENTS} documenti`);

/** The documents to bring, one a line, checked like the API checks them; a fault is the field's. */
const documentsField = z.string().transform((value, context) => {
  const checked = documentLines.safeParse(
    value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  if (checked.success) return checked.data;
  context.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? '' });
  return z.NEVER;
});

const bookingForm = z.object({
  deskId: bookingInput.shape.deskId,
  startsAt: z.string().min(1, { error: () => i18next.t('validation.choose') }),
  purpose: bookingInput.shape.purpose,
  documents: documentsField,
  language: z.string(),
});
type BookingFormValues = z.input<typeof bookingForm>;

const EMPTY: BookingFormValues = {
  deskId: '',
  startsAt: '',
  purpose: '' as AppointmentPurpose,
  documents: '',
  language: '',
};

/** Where each field of the API is shown on the form. */
function bookingField(apiField: string): Path<BookingFormValues> | null {
  const name = apiField.split('.')[0] ?? '';
  if (name === 'documentsToBring') return 'documents';
  if (name === 'mediatorId') return 'language';
  return ['deskId', 'startsAt', 'purpose', 'language'].includes(name)
    ? (name as Path<BookingFormValues>)
    : null;
}

type AppointmentBookingProps = { caseId: string; onDone: (notice: string) => void };

/** The operator books a free slot of a desk for the case; the server sends the convocation. */
export function AppointmentBooking({ caseId, onDone }: AppointmentBookingProps) {
  const { t } = useTranslation();
  const deskList = useQuery({ queryKey: keys.desks, queryFn: desks.list, staleTime: 60_000 });
  const team = useQuery({ queryKey: keys.mediators, queryFn: mediators.list, staleTime: 60_000 });

  return (
    <section aria-labelledby="pratica-appuntamento-nuovo" className="mt-4">
      <h3 id="pratica-appuntamento-nuovo" className="h5">
        {t('cases.appointments.bookTitle')}
      </h3>
      {deskList.isPending ? (
        <Loading />
      ) : deskList.error ? (
        <LoadError error={deskList.error} />
      ) : deskList.data.length === 0 ? (
        <p>{t('cases.appointments.noDesks')}</p>
      ) : (
        <BookingForm
          caseId={caseId}
          deskList={deskList.data}
          languages={[...new Set(team.data?.flatMap((mediator) => mediator.languages) ?? [])]}
          onDone={onDone}
        />
      )}
    </section>
  );
}

type BookingFormProps = {
  caseId: string;
  deskList: readonly DeskView[];
  /** The languages the office's mediators cover. */
  languages: string[];
  onDone: (notice: string) => void;
};

function BookingForm({ caseId, deskList, languages, onDone }: BookingFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const form = useForm({ resolver: zodResolver(bookingForm), defaultValues: EMPTY });
  const { errors } = form.formState;
  const deskId = form.watch('deskId');
  const book = useMutation({
    mutationFn: (values: z.output<typeof bookingForm>) =>
      appointments.book(caseId, {
        deskId: values.deskId,
        startsAt: values.startsAt,
        purpose: values.purpose,
        documentsToBring: values.documents,
        ...(values.language ? { language: values.language } : {}),
      }),
    onSuccess: (booked) => {
      setRefusal(null);
      form.reset(EMPTY);
      void queryClient.invalidateQueries({ queryKey: keys.case(caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.desks });
      onDone(t('cases.appointments.booked', { when: appointmentWhen(booked) }));
    },
    onError: (error) => {
      const found = refusalOf(error, bookingField);
      let isFirst = true;
      for (const [field, message] of Object.entries(found.fields)) {
        form.setError(
          field as Path<BookingFormValues>,
          { type: 'server', message },
          { shouldFocus: isFirst },
        );
        isFirst = false;
      }
      if (found.proposals.length) {
        // the slot is gone: the list is read again, and the choice is the user's
        form.setValue('startsAt', '');
        void queryClient.invalidateQueries({ queryKey: keys.slots(deskId) });
      }
      setRefusal(found);
    },
  });
  const languageChoices = languages
    .map((code) => ({ code, name: languageName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));

  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setRefusal(null);
        book.mutate(values);
      })}
      noValidate
      className="lovit-form"
    >
      <div className="row">
        <div className="col-12 col-md-6">
          <SlotFields
            deskList={deskList}
            deskId={deskId}
            deskField={form.register('deskId', { onChange: () => form.setValue('startsAt', '') })}
            slotField={form.register('startsAt')}
            errors={{ deskId: errors.deskId, startsAt: errors.startsAt }}
            proposals={refusal?.proposals ?? []}
          />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            label={t('cases.appointments.purpose')}
            registration={form.register('purpose')}
            error={errors.purpose}
          >
            <option value="">{t('filters.choose')}</option>
            {PURPOSES.map((purpose) => (
              <option key={purpose} value={purpose}>
                {APPOINTMENT_PURPOSES[purpose]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('cases.appointments.mediation')}
            hint={t('cases.appointments.languageHint')}
            registration={form.register('language')}
            error={errors.language}
          >
            <option value="">{t('common.none')}</option>
            {languageChoices.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12">
          <TextAreaField
            label={t('cases.appointments.documents')}
            hint={t('cases.appointments.documentsHint')}
            error={errors.documents}
            rows={4}
            {...form.register('documents')}
          />
        </div>
      </div>
      <SlotRefusal
        refusal={refusal}
        onChoose={(slot) => {
          form.setValue('startsAt', slot.startsAt);
          form.clearErrors('startsAt');
          form.setFocus('startsAt');
        }}
      />
      <button type="submit" className="btn btn-primary" disabled={book.isPending}>
        {t('cases.appointments.submit')}
      </button>
    </form>
  );
}
