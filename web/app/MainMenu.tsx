import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from '../ui/Icon.tsx';
import { CurrentUser } from './CurrentUser.tsx';
import { allowedModules } from './modules.ts';
import { useSession } from './session.ts';

const PANEL_ID = 'menu-principale';
/** bootstrap-italia slides the mobile panel in and out in 0.3 s. */
const SLIDE_MS = 300;
const DESKTOP = '(min-width: 992px)';
const FOCUSABLE = 'a[href], button:not([disabled])';

type MainMenuProps = {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
};

/**
 * The main navigation: a bar on wide screens, a panel sliding in from the left on narrow ones
 * (bootstrap-italia's collapsible navbar, driven by React instead of its script).
 */
export function MainMenu({ isOpen, onOpenChange }: MainMenuProps) {
  const { t } = useTranslation();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { isShown, isExpanded } = useSlide(isOpen);
  const { data: session } = useSession();

  useEffect(() => {
    if (isExpanded) closeRef.current?.focus();
  }, [isExpanded]);

  useEffect(() => {
    if (!isOpen) return;
    const desktop = window.matchMedia(DESKTOP);
    const closeOnDesktop = () => desktop.matches && onOpenChange(false);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(onOpenChange, toggleRef.current);
      if (event.key === 'Tab' && panelRef.current) keepFocusIn(panelRef.current, event);
    };
    const closeOnOutsidePointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !panelRef.current?.contains(event.target)) {
        close(onOpenChange, toggleRef.current);
      }
    };
    desktop.addEventListener('change', closeOnDesktop);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    document.body.classList.add('navbar-open');
    return () => {
      desktop.removeEventListener('change', closeOnDesktop);
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', closeOnOutsidePointer);
      document.body.classList.remove('navbar-open');
    };
  }, [isOpen, onOpenChange]);

  return (
    <nav className="navbar navbar-expand-lg" aria-label={t('nav.label')}>
      <button
        ref={toggleRef}
        className="custom-navbar-toggler"
        type="button"
        aria-controls={PANEL_ID}
        aria-expanded={isOpen}
        aria-label={t('nav.open')}
        onClick={() => onOpenChange(true)}
      >
        <Icon name="it-burger" />
      </button>
      {isShown && <div className={`navbar-backdrop fade${isExpanded ? ' show' : ''}`} />}
      <div
        ref={panelRef}
        id={PANEL_ID}
        className={`navbar-collapsable${isExpanded ? ' expanded' : ''}`}
        style={isShown ? { display: 'block' } : undefined}
        {...(isOpen && { role: 'dialog', 'aria-modal': true, 'aria-label': t('nav.dialog') })}
      >
        <div className="close-div">
          <button
            ref={closeRef}
            className="btn close-menu"
            type="button"
            onClick={() => close(onOpenChange, toggleRef.current)}
          >
            <span className="visually-hidden">{t('nav.close')}</span>
            <Icon name="it-close-big" />
          </button>
        </div>
        <div className="menu-wrapper">
          <CurrentUser placement="menu" />
          <ul className="navbar-nav">
            {allowedModules(session).map(({ path, key }) => (
              <li className="nav-item" key={path}>
                <NavLink className="nav-link" to={path} onClick={() => onOpenChange(false)}>
                  <span>{t(`modules.${key}.title`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </nav>
  );
}

/** While the panel is a modal dialog, Tab and Shift+Tab cycle through its controls only. */
function keepFocusIn(panel: HTMLElement, event: KeyboardEvent) {
  const focusable = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const isOutside = !panel.contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || isOutside)) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && (document.activeElement === last || isOutside)) {
    event.preventDefault();
    first?.focus();
  }
}

function close(onOpenChange: (isOpen: boolean) => void, toggle: HTMLButtonElement | null) {
  onOpenChange(false);
  toggle?.focus();
}

/** Shows the panel, then expands it on the next frame so that the slide-in transition runs; the reverse on close. */
function useSlide(isOpen: boolean) {
  const [isShown, setShown] = useState(isOpen);
  const [isExpanded, setExpanded] = useState(isOpen);

  useEffect(() => {
    if (isOpen) {
      setShown(true);
      let frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => setExpanded(true));
      });
      return () => cancelAnimationFrame(frame);
    }
    setExpanded(false);
    const timer = window.setTimeout(() => setShown(false), SLIDE_MS);
    return () => window.clearTimeout(timer);
  }, [isOpen]);

  return { isShown: isOpen || isShown, isExpanded };
}
