import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { useSessionExpiryRedirect } from './sessionExpiry.ts';

const MAIN_ID = 'contenuto';

export function Layout() {
  const { t } = useTranslation();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigation(mainRef);
  useSessionExpiryRedirect();

  return (
    <>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href={`#${MAIN_ID}`}>
          {t('skipLinks.content')}
        </a>
      </div>
      <Header isMenuOpen={isMenuOpen} onMenuOpenChange={setMenuOpen} />
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} inert={isMenuOpen}>
        <Outlet />
      </main>
      <Footer isInert={isMenuOpen} />
    </>
  );
}

/**
 * After a client-side navigation, bring the reader to the top of the new page and move focus to its heading,
 * as a full page load would, so that screen readers announce the page.
 */
function useFocusOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);

  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    mainRef.current?.querySelector<HTMLElement>('[data-page-heading]')?.focus({ preventScroll: true });
  }, [mainRef, pathname]);
}
