/**
 * Horizontal bars, one per option or level, drawn as SVG, each with its count and its share of those who answered
 * the question; the figures are also in the table next to it.
 */
export function BarChart({
  title,
  counts,
}: {
  title: string;
  counts: readonly { label: string; count: number; share: number }[];
}) {
  const most = Math.max(1, ...counts.map((c) => c.count));
  const row = 28;
  const labelWidth = 180;
  const barWidth = 280;
  const height = counts.length * row + 8;
  return (
    <svg
      viewBox={`0 0 ${labelWidth + barWidth + 70} ${height}`}
      width="100%"
      style={{ maxWidth: '34rem' }}
      role="img"
      aria-label={title}
      className="mb-3"
    >
      {counts.map((c, index) => {
        const y = index * row + 4;
        const width = (c.count / most) * barWidth;
        return (
          <g key={c.label}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#1a1a1a">
              {c.label.length > 26 ? `${c.label.slice(0, 25)}…` : c.label}
            </text>
            <rect
              x={labelWidth}
              y={y + 3}
              width={Math.max(width, c.count ? 2 : 0)}
              height={row - 10}
              fill="#0066cc"
            />
            <text x={labelWidth + width + 6} y={y + 17} fontSize="13" fill="#1a1a1a">
              {`${c.count} (${c.share}%)`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
