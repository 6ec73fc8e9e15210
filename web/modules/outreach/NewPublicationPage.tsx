import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { PublicationForm } from './PublicationForm.tsx';
import { useKeepPublication } from './publications.ts';
import { publications } from './requests.ts';

/**
 * The communications officer records a brochure, leaflet, poster or report with its print run; its PDFs and
 * its distribution come on its page, and it reaches the portal once it has its Italian PDF and is published.
 */
export function NewPublicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const keep = useKeepPublication();
  return (
    <Page
      title={t('outreach.publications.new')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <p>{t('outreach.publications.newIntro')}</p>
      <PublicationForm
        submitLabel={t('outreach.publications.create')}
        save={publications.create}
        onSaved={(publication) => {
          keep(publication);
          void navigate(`/comunicazione/pubblicazioni/${publication.id}`);
        }}
      />
    </Page>
  );
}
