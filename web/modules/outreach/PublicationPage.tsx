import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDate } from '../../ui/dates.ts';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { type Done, problemText } from './changes.ts';
import { Distributions } from './Distributions.tsx';
import { PublicationCover } from './PublicationCover.tsx';
import { PublicationFiles } from './PublicationFiles.tsx';
import { PublicationForm } from './PublicationForm.tsx';
import { useKeepPublication } from './publications.ts';
import { keys, type Publication, publications } from './requests.ts';
import { dayOf, numberOf } from './words.ts';

/**
 * A publication: whether it is on the portal, its data and print run, its PDF in each language with every
 * version, and where its printed copies went.
 */
export function PublicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const publication = useQuery({
    queryKey: keys.publication(id),
    queryFn: () => publications.publication(id),
  });
  const trail = [{ label: t('modules.outreach.title'), to: '/comunicazione' }];
  if (publication.isPending || publication.error)
    return (
      <Page title={t('outreach.publications.one')} trail={trail}>
        {publication.error ? <LoadError error={publication.error} /> : <Loading />}
      </Page>
    );
  const data = publication.data;
  return (
    <Page title={data.title} trail={trail}>
      <Notice message={notice} />
      <PublicSite publication={data} onDone={setNotice} />
      <PublicationData publication={data} onDone={setNotice} />
      <PublicationCover publication={data} onDone={setNotice} />
      <PublicationFiles publication={data} onDone={setNotice} />
      <Distributions publication={data} onDone={setNotice} />
    </Page>
  );
}

/** Whether visitors find it among the portal's publications; those who manage it publish it or withdraw it. */
function PublicSite({ publication, onDone }: { publication: Publication; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepPublication();
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const isPublished = publication.publishedAt !== null;
  const hasItalian = publication.files.some((file) => file.language === 'it');
  const change = useMutation({
    mutationFn: (published: boolean) => publications.setPublished(publication.id, published),
    onSuccess: (changed) => {
      setConfirming(false);
      setProblem(null);
      keep(changed);
      onDone(
        t(
          changed.publishedAt
            ? 'outreach.publications.done.published'
            : 'outreach.publications.done.withdrawn',
        ),
      );
    },
    onError: (error) => {
      setConfirming(false);
      setProblem(problemText(error, t('errors.generic')));
    },
  });
  return (
    <section aria-labelledby="portale" className="mt-4">
      <h2 id="portale" className="h4">
        {t('outreach.publications.portalTitle')}
      </h2>
      <p>
        {publication.publishedAt
          ? t('outreach.publications.publishedSince', { date: formatDate(publication.publishedAt) })
          : t('outreach.publications.notPublished')}
      </p>
      {!isPublished && !hasItalian && <p>{t('outreach.publications.needsItalian')}</p>}
      {publication.publicUrl && (
        <p>
          <a href={publication.publicUrl}>{t('outreach.publications.publicPage')}</a>
        </p>
      )}
      {publication.mayManage && (isPublished || hasItalian) && (
        <button
          type="button"
          className={isPublished ? 'btn btn-outline-danger' : 'btn btn-primary'}
          disabled={change.isPending}
          onClick={() => (isPublished ? setConfirming(true) : change.mutate(true))}
        >
          {t(isPublished ? 'outreach.publications.withdraw' : 'outreach.publications.publish')}
        </button>
      )}
      <FormProblem message={problem} />
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('outreach.publications.withdraw')}
        message={t('outreach.publications.withdrawConfirm')}
        confirmLabel={t('outreach.publications.withdraw')}
        isPending={change.isPending}
        onConfirm={() => change.mutate(false)}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}

/** The kind, title, description and print run: a form for those who manage it, the values for the others. */
function PublicationData({ publication, onDone }: { publication: Publication; onDone: Done }) {
  const { t } = useTranslation();
  const keep = useKeepPublication();
  return (
    <section aria-labelledby="dati" className="mt-5">
      <h2 id="dati" className="h4">
        {t('outreach.publications.data')}
      </h2>
      {publication.mayManage ? (
        <PublicationForm
          publication={publication}
          submitLabel={t('outreach.publications.save')}
          save={(input) => publications.change(publication.id, input)}
          onSaved={(saved) => {
            keep(saved);
            onDone(t('outreach.publications.done.saved'));
          }}
        />
      ) : (
        <dl className="row">
          <dt className="col-sm-3">{t('outreach.publications.kind')}</dt>
          <dd className="col-sm-9">{t(`outreach.publications.kinds.${publication.kind}`)}</dd>
          <dt className="col-sm-3">{t('outreach.publications.description')}</dt>
          <dd className="col-sm-9 lovit-prose">{publication.description}</dd>
          <dt className="col-sm-3">{t('outreach.publications.printFormat')}</dt>
          <dd className="col-sm-9">{publication.printFormat ?? t('outreach.publications.noFormat')}</dd>
          <dt className="col-sm-3">{t('outreach.publications.pages')}</dt>
          <dd className="col-sm-9">
            {publication.pages === null ? t('outreach.publications.noPages') : numberOf(publication.pages)}
          </dd>
          <dt className="col-sm-3">{t('outreach.publications.copiesPrinted')}</dt>
          <dd className="col-sm-9">{numberOf(publication.copiesPrinted)}</dd>
          <dt className="col-sm-3">{t('outreach.publications.printedOn')}</dt>
          <dd className="col-sm-9">
            {publication.printedOn ? dayOf(publication.printedOn) : t('outreach.publications.noDate')}
          </dd>
        </dl>
      )}
    </section>
  );
}
