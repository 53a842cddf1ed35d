import { PALETTE } from '../../app/design.ts';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/*
 * Issue 15: the analytics charts (Recharts), a chunk of their own loaded after the page's tables.
 * Every chart draws the rows of the table beside it and is hidden from screen readers: the table
 * is the data. They take the width of their box, so they fit a 360 px phone.
 */

/** The series colours: the app's palette (app/design.ts), distinct neighbours first. */
const SERIES = [PALETTE.info, PALETTE.pending, PALETTE.success, PALETTE.danger, PALETTE.accent, PALETTE.progress, PALETTE.special, PALETTE.neutral, PALETTE.caution];
const axisFont = { fontSize: 12, fill: PALETTE.ink };

export interface Bars { label: string; value: number | null }

/** Horizontal bars, one per row (`percent`: values are shares 0–1 shown as %). */
export function BarsChart({ data, percent = false, testId }: { data: readonly Bars[]; percent?: boolean; testId?: string }) {
  const rows = data.map((d) => ({ label: d.label, value: d.value == null ? 0 : percent ? Math.round(d.value * 1000) / 10 : d.value }));
  const height = Math.max(120, rows.length * 30 + 40);
  return (
    <div aria-hidden="true" className="analytics-chart" data-testid={testId} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={percent ? [0, 100] : [0, 'auto']} tick={axisFont} unit={percent ? '%' : undefined} allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={92} tick={axisFont} interval={0} />
          <Tooltip isAnimationActive={false} />
          <Bar dataKey="value" isAnimationActive={false} maxBarSize={22}>
            {rows.map((r, i) => <Cell key={r.label} fill={SERIES[i % SERIES.length]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface Series { key: string; label: string }

/** Lines over the quarters (`percent`: shares 0–1 shown as %). */
export function TrendChart({ data, series, percent = false, testId }: {
  data: ReadonlyArray<{ label: string } & Record<string, number | string | null>>; series: readonly Series[]; percent?: boolean; testId?: string;
}) {
  const rows = data.map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'number' && percent ? Math.round(v * 1000) / 10 : v])));
  return (
    <div aria-hidden="true" className="analytics-chart" data-testid={testId} style={{ width: '100%', height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={axisFont} />
          <YAxis tick={axisFont} domain={percent ? [0, 100] : [0, 'auto']} width={40} allowDecimals={false} />
          <Tooltip isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={SERIES[i % SERIES.length]} strokeWidth={2} dot isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
