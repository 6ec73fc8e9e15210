import {
  type ComponentType,
  type LazyExoticComponent,
  type RefObject,
  Suspense,
  useEffect,
  useRef,
} from 'react';
import { useLocation } from 'react-router';
import { Loading } from './Loading.tsx';

/**
 * A page of a module that loads on first use, so that what only its users need does not weigh on every page of
 * the back-office.
 */
export function LazyPage({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  const wasWaiting = useRef(false);
  return (
    <Suspense fallback={<Waiting flag={wasWaiting} />}>
      <Page />
      <HeadingFocus wasWaiting={wasWaiting} />
    </Suspense>
  );
}

function Waiting({ flag }: { flag: RefObject<boolean> }) {
  useEffect(() => {
    flag.current = true;
  }, [flag]);
  return (
    <div className="container lovit-container py-5">
      <Loading />
    </div>
  );
}

/**
 * The layout moves focus to a new page's heading when the address changes; a page still loading has none
 * then, so it takes focus once it is there, unless this is the first page of the visit or the user has moved on.
 */
function HeadingFocus({ wasWaiting }: { wasWaiting: RefObject<boolean> }) {
  const { key } = useLocation();
  useEffect(() => {
    if (!wasWaiting.current || key === 'default') return;
    wasWaiting.current = false;
    const active = document.activeElement;
    if (active && active !== document.body && active.tagName !== 'MAIN') return;
    document.querySelector<HTMLElement>('main [data-page-heading]')?.focus({ preventScroll: true });
  }, [wasWaiting, key]);
  return null;
}
