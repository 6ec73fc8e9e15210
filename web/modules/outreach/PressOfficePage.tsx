import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PORTAL_LANGUAGES } from '../../../src/modules/outreach/contract.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { problemText } from './changes.ts';
import {
  PRESS_LEGAL_BASES,
  type PressContact,
  type PressContactInput,
  type PressReleaseInput,
  press,
  pressKeys,
} from './press.ts';
import { languageName } from './words.ts';

/** The press office: its releases and the contacts they go to. */
export function PressOfficePage() {
  const { t } = useTranslation();
  return (
    <Page
      title={t('outreach.pressOffice.title')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <p className="lead">{t('outreach.pressOffice.intro')}</p>
      <Releases />
      <Contacts />
    </Page>
  );
}

const EMPTY_RELEASE: PressReleaseInput = { title: '', summary: '', body: '' };

function Releases() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const releases = useQuery({ queryKey: pressKeys.releases, queryFn: press.releases });
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<PressReleaseInput>({ defaultValues: EMPTY_RELEASE });
  const { errors } = form.formState;
  const write = useMutation({
    mutationFn: press.write,
    onSuccess: (release) => {
      void queryClient.invalidateQueries({ queryKey: pressKeys.releases });
      void navigate(`/comunicazione/ufficio-stampa/comunicati/${release.id}`);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['title', 'summary', 'body'])),
  });
  return (
    <section aria-labelledby="comunicati" className="mt-4">
      <h2 id="comunicati" className="h4">
        {t('outreach.pressOffice.releases')}
      </h2>
      {releases.isPending ? (
        <Loading />
      ) : releases.isError ? (
        <LoadError error={releases.error} />
      ) : releases.data.length === 0 ? (
        <p>{t('outreach.pressOffice.noReleases')}</p>
      ) : (
        <TableScroll label={t('outreach.pressOffice.releases')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('outreach.pressOffice.releaseTitle')}</th>
                <th scope="col">{t('outreach.pressOffice.state')}</th>
                <th scope="col">{t('outreach.pressOffice.sentOn')}</th>
                <th scope="col">{t('outreach.pressOffice.recipients')}</th>
              </tr>
            </thead>
            <tbody>
              {releases.data.map((release) => (
                <tr key={release.id}>
                  <td>
                    <Link to={`/comunicazione/ufficio-stampa/comunicati/${release.id}`}>{release.title}</Link>
                  </td>
                  <td>{t(`outreach.pressOffice.states.${release.status}`)}</td>
                  <td>{formatDate(release.sentAt)}</td>
                  <td>{release.status === 'SENT' ? release.recipients : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <details className="mt-3">
        <summary>{t('outreach.pressOffice.newRelease')}</summary>
        <form
          className="lovit-form mt-3"
          noValidate
          onSubmit={form.handleSubmit((values) => {
            setProblem(null);
            write.mutate(values);
          })}
        >
          <ReleaseFields form={form} errors={errors} />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={write.isPending}>
            {t('outreach.pressOffice.saveDraft')}
          </button>
        </form>
      </details>
    </section>
  );
}

type ReleaseForm = ReturnType<typeof useForm<PressReleaseInput>>;

/** The title, summary and text of a release. */
export function ReleaseFields({
  form,
  errors,
}: {
  form: ReleaseForm;
  errors: ReleaseForm['formState']['errors'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('outreach.pressOffice.releaseTitle')}
        registration={form.register('title')}
        error={errors.title}
      />
      <TextAreaField
        label={t('outreach.pressOffice.summary')}
        rows={2}
        error={errors.summary}
        {...form.register('summary')}
      />
      <TextAreaField
        label={t('outreach.pressOffice.body')}
        hint={t('outreach.pressOffice.bodyHint')}
        rows={10}
        error={errors.body}
        {...form.register('body')}
      />
    </>
  );
}

const EMPTY_CONTACT: PressContactInput = {
  outlet: '',
  name: '',
  beat: '',
  email: '',
  phone: '',
  language: 'it',
  legalBasis: 'LEGITIMATE_INTEREST',
  legalBasisNote: '',
};

function Contacts() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [typed, setTyped] = useState('');
  const [editing, setEditing] = useState<PressContact | null>(null);
  const [erasing, setErasing] = useState<PressContact | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const erase = useMutation({
    mutationFn: (contact: PressContact) => press.eraseContact(contact.id),
    onSuccess: (_, contact) => {
      setErasing(null);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: ['outreach', 'press'] });
      setNotice(t('outreach.pressOffice.erased', { name: contact.name }));
    },
    onError: (error) => {
      setErasing(null);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  const contacts = useQuery({
    queryKey: pressKeys.contacts(query, false),
    queryFn: () => press.contacts(query, false),
  });
  return (
    <section aria-labelledby="contatti" className="mt-5">
      <h2 id="contatti" className="h4">
        {t('outreach.pressOffice.contacts')}
      </h2>
      <form
        aria-label={t('outreach.pressOffice.search')}
        className="d-flex gap-2 align-items-end flex-wrap"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(typed.trim());
        }}
      >
        <div className="form-group mb-0">
          <label htmlFor="cerca-contatti" className="active">
            {t('outreach.pressOffice.search')}
          </label>
          <input
            id="cerca-contatti"
            className="form-control"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-outline-primary">
          {t('outreach.pressOffice.searchButton')}
        </button>
      </form>
      <Notice message={notice} />
      <FormProblem message={problem} />
      {contacts.isPending ? (
        <Loading />
      ) : contacts.isError ? (
        <LoadError error={contacts.error} />
      ) : contacts.data.items.length === 0 ? (
        <p className="mt-3">
          {t(query ? 'outreach.pressOffice.noMatch' : 'outreach.pressOffice.noContacts')}
        </p>
      ) : (
        <>
          <p className="mt-3">
            {t('outreach.pressOffice.contactCount', { count: contacts.data.total })}
            {contacts.data.total > contacts.data.items.length && ` ${t('outreach.pressOffice.narrowDown')}`}
          </p>
          <TableScroll label={t('outreach.pressOffice.contacts')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('outreach.pressOffice.outlet')}</th>
                  <th scope="col">{t('outreach.pressOffice.name')}</th>
                  <th scope="col">{t('outreach.pressOffice.email')}</th>
                  <th scope="col">{t('outreach.pressOffice.legalBasis')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('outreach.pressOffice.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {contacts.data.items.map((contact) => (
                  <tr key={contact.id}>
                    <td>{contact.outlet}</td>
                    <td>
                      {contact.name}
                      {contact.beat && <div className="small">{contact.beat}</div>}
                    </td>
                    <td>
                      {contact.erasedAt ? (
                        <span className="text-muted">
                          {t('outreach.pressOffice.erasedOn', { date: formatDate(contact.erasedAt) })}
                        </span>
                      ) : (
                        contact.email
                      )}
                      {contact.unsubscribedAt && !contact.erasedAt && (
                        <div className="small text-danger">
                          {t('outreach.pressOffice.unsubscribed', {
                            date: formatDate(contact.unsubscribedAt),
                          })}
                        </div>
                      )}
                    </td>
                    <td>{t(`outreach.pressOffice.bases.${contact.legalBasis}`)}</td>
                    <td>
                      {!contact.erasedAt && (
                        <span className="d-flex flex-column align-items-start gap-1">
                          <button
                            type="button"
                            className="btn btn-link p-0"
                            onClick={() => setEditing(contact)}
                            aria-label={t('outreach.pressOffice.correctNamed', { name: contact.name })}
                          >
                            {t('outreach.pressOffice.correct')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-link p-0 text-danger"
                            onClick={() => setErasing(contact)}
                            aria-label={t('outreach.pressOffice.eraseNamed', { name: contact.name })}
                          >
                            {t('outreach.pressOffice.erase')}
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <ConfirmDialog
        isOpen={erasing !== null}
        title={t('outreach.pressOffice.eraseNamed', { name: erasing?.name ?? '' })}
        message={t('outreach.pressOffice.eraseConfirm')}
        confirmLabel={t('outreach.pressOffice.erase')}
        isPending={erase.isPending}
        onConfirm={() => erasing && erase.mutate(erasing)}
        onCancel={() => setErasing(null)}
      />
      <ContactForm
        key={editing?.id ?? 'nuovo'}
        contact={editing}
        onDone={(message) => {
          setEditing(null);
          setNotice(message);
        }}
      />
    </section>
  );
}

function ContactForm({
  contact,
  onDone,
}: {
  contact: PressContact | null;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<PressContactInput>({
    defaultValues: contact
      ? {
          outlet: contact.outlet,
          name: contact.name,
          beat: contact.beat ?? '',
          email: contact.email,
          phone: contact.phone ?? '',
          language: contact.language,
          legalBasis: contact.legalBasis,
          legalBasisNote: contact.legalBasisNote ?? '',
        }
      : EMPTY_CONTACT,
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (input: PressContactInput) =>
      contact ? press.correctContact(contact.id, input) : press.addContact(input),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: pressKeys.all });
      form.reset(EMPTY_CONTACT);
      onDone(
        t(contact ? 'outreach.pressOffice.corrected' : 'outreach.pressOffice.added', { name: saved.name }),
      );
    },
    onError: (error) =>
      setProblem(
        reportProblem(error, form.setError, [
          'outlet',
          'name',
          'beat',
          'email',
          'phone',
          'language',
          'legalBasis',
          'legalBasisNote',
        ]),
      ),
  });
  return (
    <form
      className="lovit-form card card-body mt-3"
      noValidate
      aria-labelledby="modulo-contatto"
      onSubmit={form.handleSubmit((values) => {
        setProblem(null);
        save.mutate(values);
      })}
    >
      <h3 id="modulo-contatto" className="h5">
        {contact
          ? t('outreach.pressOffice.correctTitle', { name: contact.name })
          : t('outreach.pressOffice.addTitle')}
      </h3>
      <TextField
        label={t('outreach.pressOffice.outlet')}
        registration={form.register('outlet')}
        error={errors.outlet}
      />
      <TextField
        label={t('outreach.pressOffice.name')}
        registration={form.register('name')}
        error={errors.name}
      />
      <TextField
        label={t('outreach.pressOffice.beat')}
        hint={t('outreach.pressOffice.optional')}
        registration={form.register('beat')}
        error={errors.beat}
      />
      <TextField
        label={t('outreach.pressOffice.email')}
        type="email"
        autoComplete="off"
        registration={form.register('email')}
        error={errors.email}
      />
      <TextField
        label={t('outreach.pressOffice.phone')}
        hint={t('outreach.pressOffice.optional')}
        type="tel"
        registration={form.register('phone')}
        error={errors.phone}
      />
      <SelectField
        label={t('outreach.pressOffice.language')}
        registration={form.register('language')}
        error={errors.language}
      >
        {PORTAL_LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {languageName(code)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('outreach.pressOffice.legalBasis')}
        registration={form.register('legalBasis')}
        error={errors.legalBasis}
      >
        {PRESS_LEGAL_BASES.map((basis) => (
          <option key={basis} value={basis}>
            {t(`outreach.pressOffice.bases.${basis}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('outreach.pressOffice.legalBasisNote')}
        hint={t('outreach.pressOffice.legalBasisNoteHint')}
        rows={2}
        error={errors.legalBasisNote}
        {...form.register('legalBasisNote')}
      />
      <FormProblem message={problem} />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {contact ? t('outreach.pressOffice.saveCorrection') : t('outreach.pressOffice.add')}
        </button>
        {contact && (
          <button type="button" className="btn btn-outline-secondary" onClick={() => onDone('')}>
            {t('outreach.pressOffice.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
