import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export type Crumb = { label: string; to: string };

/** Where the page sits: the pages above it, as links; the page itself is its heading. */
export function Breadcrumb({ trail }: { trail: readonly Crumb[] }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumb-container mb-2" aria-label={t('breadcrumb.label')}>
      <ol className="breadcrumb p-0">
        {trail.map(({ label, to }) => (
          <li className="breadcrumb-item" key={to}>
            <Link to={to}>{label}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
