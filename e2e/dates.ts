/** Today in Asia/Almaty, as the server's demo data and the inspector's calendar see it. */
export const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

/** The calendar day `days` after today in Almaty (YYYY-MM-DD). */
export function inDays(days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
