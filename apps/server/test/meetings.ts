/** Dates and plans for meeting tests, in Asia/Almaty as the rules judge them. */
export const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

/** An instant `days` from today at hh:00 Asia/Almaty time (UTC+5), as the API takes it. */
export function at(days: number, hour: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+05:00`;
}

/** A complete, valid indoor plan for one district, 20 days ahead; override any field. */
export const meetingPlan = (districtId: string | undefined, over: Record<string, unknown> = {}) => ({
  districtIds: [districtId], setting: 'gathering', format: 'indoor',
  venueName: 'Шамалған ауылдық клубы', venueAddress: 'Шамалған а., Жібек жолы к-сі, 12', venueCapacity: 120, expectedParticipants: 80,
  startsAt: at(20, 18), endsAt: at(20, 20), ...over,
});
