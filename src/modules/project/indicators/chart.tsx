/**
 * An indicator's chart as an SVG document: the value frozen in each reporting period's snapshot, in the order
 * of the periods, against the target (a dashed line) and the baseline. Drawn on the server, like the timeline,
 * so the page, the download and the progress report show the same picture; the page also lists the figures.
 */
import { renderToStaticMarkup } from 'react-dom/server';

export type ChartPoint = { label: string; value: number | null };
export type ChartInput = { code: string; name: string; unit: string; baseline: number; target: number };

const WIDTH = 640;
const HEIGHT = 280;
const LEFT = 56;
const RIGHT = 24;
const TOP = 40;
const BOTTOM = 56;

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

export function indicatorChartSvg(indicator: ChartInput, points: readonly ChartPoint[]): string {
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const top = Math.max(indicator.target, indicator.baseline, ...values, 1) * 1.1;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const x = (index: number) =>
    points.length <= 1 ? LEFT + plotWidth / 2 : LEFT + (index / (points.length - 1)) * plotWidth;
  const drawn = points.flatMap((point, index) =>
    point.value === null ? [] : [{ ...point, value: point.value, x: x(index), y: y(point.value) }],
  );
  const title = `${indicator.code} – ${indicator.name}`;
  const description =
    points.length === 0
      ? 'Nessun periodo congelato.'
      : `${points
          .map(
            (p) =>
              `${p.label}: ${p.value === null ? 'non rilevato' : `${number.format(p.value)} ${indicator.unit}`}`,
          )
          .join('; ')}. Obiettivo: ${number.format(indicator.target)} ${indicator.unit}.`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * top);
  const svg = (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-labelledby="titolo descrizione"
      fontFamily="Titillium Web, Arial, sans-serif"
      fontSize={11}
    >
      <title id="titolo">{title}</title>
      <desc id="descrizione">{description}</desc>
      <rect width={WIDTH} height={HEIGHT} fill="#ffffff" />
      <text x={LEFT} y={20} fill="#17324d" fontWeight="bold" fontSize={13}>
        {title.slice(0, 80)}
      </text>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} stroke="#e3e8ee" />
          <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" fill="#33485c">
            {number.format(Math.round(tick * 10) / 10)}
          </text>
        </g>
      ))}
      <line
        x1={LEFT}
        x2={WIDTH - RIGHT}
        y1={y(indicator.target)}
        y2={y(indicator.target)}
        stroke="#d9364f"
        strokeWidth={1.5}
        strokeDasharray="6 4"
      />
      <text x={WIDTH - RIGHT} y={y(indicator.target) - 5} textAnchor="end" fill="#d9364f" fontWeight="bold">
        {`obiettivo ${number.format(indicator.target)}`}
      </text>
      {indicator.baseline > 0 && (
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={y(indicator.baseline)}
          y2={y(indicator.baseline)}
          stroke="#8a8a8a"
          strokeDasharray="2 3"
        />
      )}
      {drawn.length > 1 && (
        <polyline
          points={drawn.map((point) => `${point.x},${point.y}`).join(' ')}
          fill="none"
          stroke="#0066cc"
          strokeWidth={2}
        />
      )}
      {drawn.map((point) => (
        <g key={point.label}>
          <circle cx={point.x} cy={point.y} r={4} fill="#0066cc" />
          <text x={point.x} y={point.y - 8} textAnchor="middle" fill="#0066cc" fontWeight="bold">
            {number.format(point.value)}
          </text>
        </g>
      ))}
      {points.map((point, index) => (
        <text key={point.label} x={x(index)} y={HEIGHT - BOTTOM + 18} textAnchor="middle" fill="#33485c">
          {point.label.slice(0, 24)}
        </text>
      ))}
      <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plotHeight} y2={TOP + plotHeight} stroke="#33485c" />
    </svg>
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderToStaticMarkup(svg)}`;
}
