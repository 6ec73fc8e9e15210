import type { ReactNode } from 'react';

type TableScrollProps = { label: string; className?: string; children: ReactNode };

/**
 * A table that scrolls sideways when it is wider than the screen. The scrolling box can take focus, so that
 * keyboard users can scroll it too, and is named after the table it holds.
 */
export function TableScroll({ label, className, children }: TableScrollProps) {
  return (
    <section
      className={`table-responsive${className ? ` ${className}` : ''}`}
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {children}
    </section>
  );
}
