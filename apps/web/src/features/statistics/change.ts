import { formatNumber } from '../../app/format.ts';
import type { Language } from '../../i18n/index.ts';
import type { StatisticsRow } from '../report/report.api.ts';

/** "+3 (+12,5 %)", "−2 (−20 %)", "0 (0 %)", or a dash when last year is unknown. */
export function changeText(row: Pick<StatisticsRow, 'change' | 'changePercent'>, language: Language): string {
  if (row.change == null) return '—';
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '');
  const percent = row.changePercent == null ? '' : ` (${sign(row.changePercent)}${formatNumber(Math.abs(row.changePercent), language)} %)`;
  return `${sign(row.change)}${formatNumber(Math.abs(row.change), language)}${percent}`;
}

/**
 * The total of all categories against last year's: last year counts only when something was
 * recorded then (as the server does per category); no percentage against zero.
 */
export function totals(rows: readonly Pick<StatisticsRow, 'count' | 'lastYear'>[]) {
  const count = rows.reduce((s, r) => s + r.count, 0);
  const known = rows.filter((r) => r.lastYear != null);
  const lastYear = known.length > 0 ? known.reduce((s, r) => s + (r.lastYear ?? 0), 0) : null;
  const change = lastYear == null ? null : count - lastYear;
  const changePercent = lastYear ? Math.round(((change ?? 0) / lastYear) * 1000) / 10 : null;
  return { count, lastYear, change, changePercent };
}
