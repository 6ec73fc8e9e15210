/**
 * The project's timeline as an SVG document (Gantt-style): a row per work package and per activity,
 * deliverable and milestone; the planned span as an outline, the actual one filled, a milestone as a diamond,
 * what is late in red with its days of delay, and today's line. Drawn on the server so the page, the download
 * and later the progress report show the same picture.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { Temporal } from 'temporal-polyfill';
import { type ItemDates, type Period, progressOf } from './rules.ts';

export type TimelineItem = ItemDates & { code: string; title: string };
export type TimelinePackage = { code: string; title: string; items: TimelineItem[] };
export type TimelinePlan = Period & { acronym: string; packages: TimelinePackage[] };

const MONTHS = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];
const LABEL_WIDTH = 300;
const ROW = 22;
const HEADER = 34;
const MONTH_WIDTH = 38;

const day = (value: string) => Temporal.PlainDate.from(value);

/** The months the plan spans, from the month of its start to that of its end. */
function monthsOf(period: Period) {
  const months: Temporal.PlainYearMonth[] = [];
  const last = day(period.endsOn).toPlainYearMonth();
  let month = day(period.startsOn).toPlainYearMonth();
  while (Temporal.PlainYearMonth.compare(month, last) <= 0) {
    months.push(month);
    month = month.add({ months: 1 });
  }
  return months;
}

export function timelineSvg(plan: TimelinePlan, today: string): string {
  const months = monthsOf(plan);
  const origin = (months[0] as Temporal.PlainYearMonth).toPlainDate({ day: 1 });
  const width = LABEL_WIDTH + months.length * MONTH_WIDTH;
  // a day's x: the month's column, plus the share of the month gone by
  const x = (value: string) => {
    const date = day(value);
    const monthIndex = origin.until(date, { largestUnit: 'months' }).months;
    return LABEL_WIDTH + (monthIndex + (date.day - 1) / date.daysInMonth) * MONTH_WIDTH;
  };
  const rows = plan.packages.flatMap((pkg) => [
    { kind: 'package' as const, pkg },
    ...pkg.items.map((item) => ({ kind: 'item' as const, item, key: `${pkg.code}-${item.code}` })),
  ]);
  const height = HEADER + rows.length * ROW + 8;
  const todayX = x(today);
  const todayShown = todayX >= LABEL_WIDTH && todayX <= width;
  const late = plan.packages.flatMap((p) => p.items).filter((i) => progressOf(i, today).state === 'LATE');
  const title = `Cronoprogramma di ${plan.acronym}`;
  const description =
    late.length === 0
      ? 'Nessuna attività in ritardo.'
      : `In ritardo: ${late.map((i) => `${i.code} ${i.title}`).join('; ')}.`;
  const svg = (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby="titolo descrizione"
      fontFamily="Titillium Web, Arial, sans-serif"
      fontSize={11}
    >
      <title id="titolo">{title}</title>
      <desc id="descrizione">{description}</desc>
      <rect width={width} height={height} fill="#ffffff" />
      {months.map((month, index) => (
        <g key={month.toString()}>
          <rect
            x={LABEL_WIDTH + index * MONTH_WIDTH}
            y={HEADER - 4}
            width={MONTH_WIDTH}
            height={height - HEADER}
            fill={month.month % 2 === 0 ? '#f2f5f8' : '#ffffff'}
          />
          <text x={LABEL_WIDTH + index * MONTH_WIDTH + 3} y={14} fill="#33485c">
            {MONTHS[month.month - 1]}
          </text>
          {(index === 0 || month.month === 1) && (
            <text x={LABEL_WIDTH + index * MONTH_WIDTH + 3} y={27} fill="#33485c" fontWeight="bold">
              {month.year}
            </text>
          )}
        </g>
      ))}
      {rows.map((row, index) => {
        const y = HEADER + index * ROW;
        if (row.kind === 'package')
          return (
            <text key={`wp-${row.pkg.code}`} x={6} y={y + 15} fontWeight="bold" fill="#17324d">
              {`${row.pkg.code} – ${row.pkg.title}`.slice(0, 48)}
            </text>
          );
        const { item } = row;
        const progress = progressOf(item, today);
        const colour =
          progress.state === 'LATE' ? '#d9364f' : progress.state === 'CANCELLED' ? '#8a8a8a' : '#0066cc';
        const label = `${item.code} ${item.title}`.slice(0, 46);
        const suffix = progress.lateDays > 0 ? ` (+${progress.lateDays} gg)` : '';
        return (
          <g key={row.key}>
            <text x={16} y={y + 15} fill={colour}>
              {label}
              <title>{`${item.code} ${item.title}${suffix}`}</title>
            </text>
            {item.kind === 'MILESTONE' ? (
              <path
                d={`M ${x(item.plannedStart)} ${y + 4} l 7 7 l -7 7 l -7 -7 z`}
                fill={item.status === 'DONE' ? colour : '#ffffff'}
                stroke={colour}
                strokeWidth={1.5}
              />
            ) : (
              <rect
                x={x(item.plannedStart)}
                y={y + 4}
                width={Math.max(3, x(item.plannedEnd) - x(item.plannedStart) + MONTH_WIDTH / 30)}
                height={14}
                fill="none"
                stroke={colour}
                strokeWidth={1.2}
                strokeDasharray={progress.state === 'CANCELLED' ? '3 2' : undefined}
              />
            )}
            {item.kind !== 'MILESTONE' && item.actualStart !== null && (
              <rect
                x={x(item.actualStart)}
                y={y + 8}
                width={Math.max(
                  3,
                  x(item.actualEnd ?? (item.status === 'DONE' ? item.actualStart : today)) -
                    x(item.actualStart),
                )}
                height={6}
                fill={colour}
              />
            )}
            {suffix && (
              <text
                x={Math.min(width - 60, x(item.plannedEnd) + 10)}
                y={y + 15}
                fill={colour}
                fontWeight="bold"
              >
                {suffix.trim()}
              </text>
            )}
          </g>
        );
      })}
      {todayShown && (
        <g>
          <line x1={todayX} x2={todayX} y1={HEADER - 6} y2={height - 4} stroke="#d9364f" strokeWidth={1.5} />
          <text x={todayX + 3} y={HEADER - 8} fill="#d9364f" fontWeight="bold">
            oggi
          </text>
        </g>
      )}
    </svg>
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderToStaticMarkup(svg)}`;
}
