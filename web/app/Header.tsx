import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../ui/Icon.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import { CurrentUser } from './CurrentUser.tsx';
import { MainMenu } from './MainMenu.tsx';
import { useSession } from './session.ts';
import { useTerritory } from './territory.ts';

type HeaderProps = {
  isMenuOpen: boolean;
  onMenuOpenChange: (isOpen: boolean) => void;
};

export function Header({ isMenuOpen, onMenuOpenChange }: HeaderProps) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const { data: territory } = useTerritory();
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="it-header-slim-wrapper-content">
            <p className="navbar-brand mb-0">
              {t('header.ministry')}
              {territory && <span className="d-none d-md-inline"> · {territory.institution.name}</span>}
            </p>
            <div className="it-header-slim-right-zone">
              <AccountMenu />
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="it-header-center-content-wrapper">
              <div className="it-brand-wrapper">
                <Link to="/">
                  <Icon name="it-pa" />
                  <div className="it-brand-text">
                    <div className="it-brand-title">{t('app.name')}</div>
                    <div className="it-brand-tagline d-none d-md-block">{t('app.tagline')}</div>
                  </div>
                </Link>
              </div>
              <div className="it-right-zone">
                <CurrentUser placement="header" />
              </div>
            </div>
          </div>
        </div>
        {session && (
          <div className="it-header-navbar-wrapper">
            <div className="container">
              <MainMenu isOpen={isMenuOpen} onOpenChange={onMenuOpenChange} />
            </div>
          </div>
        )}
      </div>
    </header>
  );
}
