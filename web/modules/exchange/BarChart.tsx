import { useId } from 'react';

export type Bar = { label: string; value: number | null; secondary?: number | null };

type BarChartProps = {
  title: string;
  /** What the values count, after the number (e.g. "giorni"). */
  unit: string;
  bars: readonly Bar[];
  /** Names of the value and of the secondary value (drawn lighter, behind), for the legend. */
  legend: { value: string; secondary?: string };
};

const ROW = 28;
const LABEL = 260;
const WIDTH = 640;
const numbers = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });

/**
 * A horizontal bar chart drawn as SVG, with its figures also given as text: screen readers read the list
 * the chart is drawn from, and the picture itself is hidden from them.
 */
export function BarChart({ title, unit, bars, legend }: BarChartProps) {
  const id = useId();
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.value ?? 0, bar.secondary ?? 0]));
  const scale = (value: number) => ((WIDTH - LABEL - 70) * value) / max;
  const height = bars.length * ROW + 8;
  return (
    <figure className="lovit-chart mb-4" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="fw-semibold mb-2">
        {title}
      </figcaption>
      <p className="small mb-1">
        <span className="lovit-chart-key lovit-chart-value" aria-hidden="true" /> {legend.value}
        {legend.secondary && (
          <>
            {' '}
            <span className="lovit-chart-key lovit-chart-secondary" aria-hidden="true" /> {legend.secondary}
          </>
        )}
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="presentation"
        aria-hidden="true"
        className="lovit-chart-svg"
      >
        {bars.map((bar, index) => {
          const y = index * ROW + 4;
          return (
            <g key={bar.label}>
              <text x={LABEL - 8} y={y + 17} textAnchor="end" className="lovit-chart-label">
                {bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label}
              </text>
              {bar.secondary != null && (
                <rect
                  x={LABEL}
                  y={y + 2}
                  height={ROW - 8}
                  width={scale(bar.secondary)}
                  className="lovit-chart-secondary"
                />
              )}
              {bar.value != null && (
                <rect
                  x={LABEL}
                  y={y + 6}
                  height={ROW - 16}
                  width={scale(bar.value)}
                  className="lovit-chart-value"
                />
              )}
              <text
                x={LABEL + scale(Math.max(bar.value ?? 0, bar.secondary ?? 0)) + 6}
                y={y + 17}
                className="lovit-chart-label"
              >
                {bar.value == null ? '–' : numbers.format(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="visually-hidden">
        {bars.map((bar) => (
          <li key={bar.label}>
            {bar.label}: {legend.value} {bar.value == null ? '–' : `${numbers.format(bar.value)} ${unit}`}
            {legend.secondary &&
              bar.secondary != null &&
              `; ${legend.secondary} ${numbers.format(bar.secondary)} ${unit}`}
          </li>
        ))}
      </ul>
    </figure>
  );
}
