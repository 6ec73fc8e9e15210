import type { ReactNode } from 'react';

/** One term of a description list laid out in columns: a case's summary, a party, a case type. */
export function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="col-12 col-md-6 col-lg-4 mb-3">
      <dt>{label}</dt>
      <dd className="text-break mb-0">{children}</dd>
    </div>
  );
}
