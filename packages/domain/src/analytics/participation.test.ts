import { describe, expect, it } from 'vitest';
import { isMeetingFormat, participationFigures, perMeeting, perThousand } from './participation.ts';

describe('participation figures (issue 15)', () => {
  it('participants per meeting to 0.1, null without meetings', () => {
    expect(perMeeting(10, 3)).toBe(3.3);
    expect(perMeeting(11, 3)).toBe(3.7);
    expect(perMeeting(0, 2)).toBe(0);
    expect(perMeeting(5, 0)).toBeNull();
  });

  it('residents per 1,000 population to 0.01, null when no population is known', () => {
    expect(perThousand(3, 17800)).toBe(0.17);
    expect(perThousand(7, 3000)).toBe(2.33);
    expect(perThousand(0, 5000)).toBe(0);
    expect(perThousand(4, null)).toBeNull();
    expect(perThousand(4, 0)).toBeNull();
  });

  it('adds the formats up and lists all four in order, zeros included', () => {
    const f = participationFigures([
      { format: 'online', meetings: 1, participants: 4, residents: 3, residentsKnown: 0 },
      { format: 'indoor', meetings: 2, participants: 7, residents: 4, residentsKnown: 4 },
    ], 8000);
    expect(f).toEqual({
      meetings: 3, participants: 11, residents: 7, perMeeting: 3.7, population: 8000, perThousand: 0.5,
      byFormat: [
        { format: 'indoor', meetings: 2, participants: 7 }, { format: 'open_air', meetings: 0, participants: 0 },
        { format: 'online', meetings: 1, participants: 4 }, { format: 'hybrid', meetings: 0, participants: 0 },
      ],
    });
    const none = participationFigures([], null);
    expect(none).toMatchObject({ meetings: 0, participants: 0, residents: 0, perMeeting: null, population: null, perThousand: null });
    expect(none.byFormat.map((x) => x.format)).toEqual(['indoor', 'open_air', 'online', 'hybrid']);
  });

  it('knows the meeting formats', () => {
    expect(isMeetingFormat('open_air')).toBe(true);
    expect(isMeetingFormat('hybrid')).toBe(true);
    expect(isMeetingFormat('outdoor')).toBe(false);
  });
});
