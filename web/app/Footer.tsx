import { useTranslation } from 'react-i18next';
import { Icon } from '../ui/Icon.tsx';
import { useTerritory } from './territory.ts';

type FooterProps = {
  isInert: boolean;
};

export function Footer({ isInert }: FooterProps) {
  const { t } = useTranslation();
  const { data: territory } = useTerritory();
  return (
    <footer className="it-footer" inert={isInert}>
      <div className="it-footer-main">
        <div className="container lovit-container">
          <div className="row py-4 align-items-center">
            <div className="col-md-6 d-flex align-items-center gap-3 py-2">
              <Icon name="it-pa" className="icon-white icon-lg flex-shrink-0" />
              <div>
                <p className="fw-semibold mb-0">{territory?.institution.shortName}</p>
                <p className="mb-0">{t('footer.office')}</p>
              </div>
            </div>
            <div className="col-md-6 py-2">
              <p className="fw-semibold mb-0">{t('footer.project')}</p>
              <p className="mb-0">{t('footer.fund')}</p>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <nav aria-label={t('footer.linksLabel')}>
            <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
              <li className="list-inline-item">
                <a href="/api/docs">{t('footer.apiDocs')}</a>
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </footer>
  );
}
