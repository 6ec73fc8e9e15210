import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { useState } from 'react';
import { type FieldError, type Path, type UseFormRegisterReturn, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { text } from '../../../src/kernel/contract.ts';
import {
  APPOINTMENT_PURPOSES,
  type AppointmentPurpose,
  bookingInput,
} from '../../../src/modules/cases/appointments/contract.ts';
import { LANGUAGE_LEVELS } from '../../../src/modules/cases/team/contract.ts';
import { SelectField } from '../../ui/fields.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { appointmentWhen } from './appointmentTimes.ts';
import { appointments, type DeskView, desks, keys, type MediatorProposals, mediators } from './requests.ts';
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
  mediatorId: z.string(),
});
type BookingFormValues = z.input<typeof bookingForm>;

const EMPTY: BookingFormValues = {
  deskId: '',
  startsAt: '',
  purpose: '' as AppointmentPurpose,
  documents: '',
  language: '',
  mediatorId: '',
};

/** Where each field of the API is shown on the form. */
function bookingField(apiField: string): Path<BookingFormValues> | null {
  const name = apiField.split('.')[0] ?? '';
  if (name === 'documentsToBring') return 'documents';
  return ['deskId', 'startsAt', 'purpose', 'language', 'mediatorId'].includes(name)
    ? (name as Path<BookingFormValues>)
    : null;
}

type AppointmentBookingProps = {
  caseId: string;
  /** The applicant's preferred language: the mediation's, when a mediator of the office speaks it. */
  applicantLanguage: string | null;
  onDone: (notice: string) => void;
};

/**
 * The operator books a free slot of a desk for the case, with a mediator who speaks the applicant's language
 * and is free then (as proposed by the server); the server sends the convocation.
 */
export function AppointmentBooking({ caseId, applicantLanguage, onDone }: AppointmentBookingProps) {
  const { t } = useTranslation();
  const deskList = useQuery({ queryKey: keys.desks, queryFn: desks.list, staleTime: 60_000 });
  const team = useQuery({ queryKey: keys.mediators, queryFn: mediators.list, staleTime: 60_000 });

  return (
    <section aria-labelledby="pratica-appuntamento-nuovo" className="mt-4">
      <h3 id="pratica-appuntamento-nuovo" className="h5">
        {t('cases.appointments.bookTitle')}
      </h3>
      {deskList.isPending || team.isPending ? (
        <Loading />
      ) : deskList.error || team.error ? (
        <LoadError error={deskList.error ?? team.error} />
      ) : deskList.data.length === 0 ? (
        <p>{t('cases.appointments.noDesks')}</p>
      ) : (
        <BookingForm
          caseId={caseId}
          deskList={deskList.data}
          languages={[...new Set(team.data.flatMap((mediator) => mediator.languages))]}
          applicantLanguage={applicantLanguage}
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
  applicantLanguage: string | null;
  onDone: (notice: string) => void;
};

function BookingForm({ caseId, deskList, languages, applicantLanguage, onDone }: BookingFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const isCovered = applicantLanguage !== null && languages.includes(applicantLanguage);
  const initial = { ...EMPTY, language: isCovered ? applicantLanguage : '' };
  const form = useForm({ resolver: zodResolver(bookingForm), defaultValues: initial });
  const { errors } = form.formState;
  const [deskId, startsAt, language] = form.watch(['deskId', 'startsAt', 'language']);
  const proposals = useQuery({
    queryKey: keys.mediatorProposals(caseId, { deskId, startsAt, language }),
    queryFn: () => mediators.proposals(caseId, { deskId, startsAt, language }),
    enabled: Boolean(deskId && startsAt && language),
  });
  const clearMediator = () => form.setValue('mediatorId', '');
  const book = useMutation({
    mutationFn: (values: z.output<typeof bookingForm>) =>
      appointments.book(caseId, {
        deskId: values.deskId,
        startsAt: values.startsAt,
        purpose: values.purpose,
        documentsToBring: values.documents,
        ...(values.language ? { language: values.language } : {}),
        ...(values.language && values.mediatorId ? { mediatorId: values.mediatorId } : {}),
      }),
    onSuccess: (booked) => {
      setRefusal(null);
      form.reset(initial);
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
            deskField={form.register('deskId', {
              onChange: () => {
                form.setValue('startsAt', '');
                clearMediator();
              },
            })}
            slotField={form.register('startsAt', { onChange: clearMediator })}
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
            label={t('cases.appointments.mediationLanguage')}
            hint={t('cases.appointments.languageHint')}
            registration={form.register('language', { onChange: clearMediator })}
            error={errors.language}
          >
            <option value="">{t('common.none')}</option>
            {languageChoices.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          {applicantLanguage && !isCovered && (
            <p className="small">
              {t('cases.appointments.languageUncovered', { language: languageName(applicantLanguage) })}
            </p>
          )}
          {language &&
            (!deskId || !startsAt ? (
              <p className="small">{t('cases.appointments.chooseSlotFirst')}</p>
            ) : proposals.isPending ? (
              <Loading />
            ) : proposals.error ? (
              <LoadError error={proposals.error} />
            ) : (
              <MediatorChoice
                proposals={proposals.data}
                registration={form.register('mediatorId')}
                error={errors.mediatorId}
              />
            ))}
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

type MediatorChoiceProps = {
  proposals: MediatorProposals;
  registration: UseFormRegisterReturn;
  error: FieldError | undefined;
};

/** The mediators proposed for the chosen time, and why the others are not. */
function MediatorChoice({ proposals, registration, error }: MediatorChoiceProps) {
  const { t } = useTranslation();
  const { proposed, notProposed } = proposals;
  return (
    <>
      {proposed.length === 0 ? (
        <p className="alert alert-warning" role="status">
          {t('cases.appointments.noMediatorProposed')}
        </p>
      ) : (
        <SelectField
          label={t('cases.appointments.mediatorChoice')}
          hint={t('cases.appointments.mediatorHint')}
          registration={registration}
          error={error}
        >
          <option value="">{t('cases.appointments.firstFree')}</option>
          {proposed.map((mediator) => (
            <option key={mediator.id} value={mediator.id}>
              {mediator.level
                ? t('cases.appointments.proposedMediator', {
                    name: mediator.name,
                    level: LANGUAGE_LEVELS[mediator.level],
                  })
                : mediator.name}
            </option>
          ))}
        </SelectField>
      )}
      {notProposed.length > 0 && (
        <details className="mb-4 small">
          <summary>{t('cases.appointments.notProposed', { count: notProposed.length })}</summary>
          <ul>
            {notProposed.map((mediator) => (
              <li key={mediator.id}>
                {t('cases.appointments.notProposedReason', { name: mediator.name, reason: mediator.reason })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
