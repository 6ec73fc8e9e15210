import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDate } from '../../ui/dates.ts';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { keys, type RegisterView, training } from './requests.ts';
import { timeOf } from './times.ts';

/** The trainer's page of a session: the code that rotates for self check-in, and the register. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const register = useQuery({
    queryKey: keys.register(id),
    queryFn: () => training.register(id),
    refetchInterval: 15_000,
  });
  const trail = [{ label: t('modules.training.title'), to: '/formazione' }];
  if (register.isPending || register.error)
    return (
      <Page title={t('training.register.title')} trail={trail}>
        {register.error ? <LoadError error={register.error} /> : <Loading />}
      </Page>
    );
  const { session } = register.data;
  return (
    <Page
      title={t('training.register.heading', {
        day: formatDate(session.startsAt),
        from: timeOf(session.startsAt),
        to: timeOf(session.endsAt),
      })}
      trail={[
        ...trail,
        {
          label: `${register.data.courseTitle} – ${register.data.editionName}`,
          to: `/formazione/edizioni/${register.data.editionId}`,
        },
      ]}
    >
      <CheckInCode sessionId={id} />
      <Register view={register.data} />
    </Page>
  );
}

function CheckInCode({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const code = useQuery({
    queryKey: keys.code(sessionId),
    queryFn: () => training.code(sessionId),
    retry: false,
    refetchInterval: (query) => {
      const changesAt = query.state.data?.changesAt;
      return changesAt ? Math.max(1000, new Date(changesAt).getTime() - Date.now() + 200) : 30_000;
    },
  });
  return (
    <section aria-labelledby="codice-presenza" className="mb-5">
      <h2 id="codice-presenza" className="h4">
        {t('training.code.title')}
      </h2>
      {code.isPending ? (
        <Loading />
      ) : code.error ? (
        <p className="alert alert-info">
          {code.error instanceof ApiError ? code.error.userMessage : t('errors.generic')}
        </p>
      ) : (
        <div className="text-center">
          <img
            src={`data:image/svg+xml;utf8,${encodeURIComponent(code.data.qrSvg)}`}
            alt={t('training.code.qrAlt')}
            width={280}
            height={280}
          />
          <p className="h2 mt-2" aria-live="polite">
            <span className="visually-hidden">{t('training.code.short')} </span>
            {code.data.code}
          </p>
          <p className="text-muted">{t('training.code.hint')}</p>
        </div>
      )}
    </section>
  );
}

/**
 * The register: each box marks a person present or absent at once, shown before the server answers (and read
 * again if it refuses). The boxes are never disabled while a mark is saved, so keyboard focus stays on the box
 * just toggled; the marks go to the server one after the other, in the order they were made.
 */
function Register({ view }: { view: RegisterView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const key = keys.register(view.session.id);
  /** The marks made and not yet saved, by person: they show over what the server last said. */
  const unsaved = useRef(new Map<string, boolean>());
  const showMarks = (seen: RegisterView): RegisterView => ({
    ...seen,
    people: seen.people.map((person) => ({
      ...person,
      isPresent: unsaved.current.get(person.userId) ?? person.isPresent,
    })),
  });
  const mark = useMutation({
    scope: { id: `registro-${view.session.id}` },
    mutationFn: ({ userId, present }: { userId: string; present: boolean }) =>
      training.mark(view.session.id, userId, present),
    onMutate: async ({ userId, present }) => {
      unsaved.current.set(userId, present);
      await queryClient.cancelQueries({ queryKey: key });
      const seen = queryClient.getQueryData<RegisterView>(key);
      if (seen) queryClient.setQueryData(key, showMarks(seen));
    },
    onSuccess: (next, { userId, present }) => {
      if (unsaved.current.get(userId) === present) unsaved.current.delete(userId);
      setProblem(null);
      queryClient.setQueryData(key, showMarks(next));
    },
    onError: (error, { userId }) => {
      unsaved.current.delete(userId);
      setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic'));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const present = view.people.filter((person) => person.isPresent).length;
  return (
    <section aria-labelledby="registro">
      <h2 id="registro" className="h4">
        {t('training.register.title')}
      </h2>
      <p>{t('training.register.count', { present, total: view.people.length })}</p>
      {view.people.length === 0 ? (
        <p className="alert alert-info">{t('training.register.empty')}</p>
      ) : (
        <fieldset>
          <legend className="visually-hidden">{t('training.register.title')}</legend>
          {view.people.map((person) => (
            <PresenceBox
              key={person.userId}
              label={`${person.name} (${person.organisationName})`}
              checked={person.isPresent}
              onChange={(checked) => mark.mutate({ userId: person.userId, present: checked })}
            />
          ))}
        </fieldset>
      )}
      <FormProblem message={problem} />
    </section>
  );
}

function PresenceBox(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="form-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}
