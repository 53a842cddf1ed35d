import { FORMATS, type Format } from '../meeting/meeting.plan.ts';

/*
 * Issue 15: participation in the meetings counted by the analytics (R-32.2 register): participants
 * per meeting and residents per 1,000 population, by meeting format. The counts come from the
 * records (packages/db analytics-participation.repository.ts); this adds them up per format and
 * rounds, in one way for the API, the charts and the exports.
 */

export const isMeetingFormat = (format: string): format is Format => (FORMATS as readonly string[]).includes(format);

/** Participants per meeting, to 0.1; null without meetings. */
export function perMeeting(participants: number, meetings: number): number | null {
  if (meetings <= 0) return null;
  return Math.round((participants / meetings) * 10) / 10;
}

/** Residents per 1,000 population, to 0.01; null when no population is known (or it is 0). */
export function perThousand(residents: number, population: number | null): number | null {
  if (population === null || population <= 0) return null;
  return Math.round((residents * 1000 / population) * 100) / 100;
}

/** One format's counts in an area and quarter. */
export interface ParticipationCounts {
  format: string; meetings: number; participants: number; residents: number;
  /** Residents of the meetings covering a district of the area whose population is known. */
  residentsKnown: number;
}

export interface ParticipationFigures {
  meetings: number; participants: number; residents: number;
  perMeeting: number | null; population: number | null; perThousand: number | null;
  byFormat: Array<{ format: Format; meetings: number; participants: number }>;
}

/**
 * Counts per format → figures: totals over the formats, every format listed (in FORMATS order,
 * zeros included), per meeting over all meetings and per 1,000 over the districts with a known
 * population (`population`: their sum, null when none is known) and the residents of the
 * meetings held in them.
 */
export function participationFigures(counts: readonly ParticipationCounts[], population: number | null): ParticipationFigures {
  const sum = (key: 'meetings' | 'participants' | 'residents' | 'residentsKnown', rows: readonly ParticipationCounts[] = counts) =>
    rows.reduce((s, r) => s + r[key], 0);
  const meetings = sum('meetings');
  const participants = sum('participants');
  return {
    meetings, participants, residents: sum('residents'),
    perMeeting: perMeeting(participants, meetings),
    population, perThousand: perThousand(sum('residentsKnown'), population),
    byFormat: FORMATS.map((format) => {
      const rows = counts.filter((r) => r.format === format);
      return { format, meetings: sum('meetings', rows), participants: sum('participants', rows) };
    }),
  };
}
