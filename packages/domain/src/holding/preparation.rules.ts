/** what the report is prepared from. */
export const SOURCE_KINDS = [
  'state_statistics', 'departmental_statistics',
  'appeal_individual', 'appeal_legal_entity', 'appeal_public_council', 'appeal_public_organisation',
  'programme_national', 'programme_regional', 'opinion_study', 'mass_media',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Categories of registered offences in the district statistics (R-29, R-30 ¶1). */
export const OFFENCE_CATEGORIES = [
  'grave_crimes', 'theft', 'fraud', 'robbery', 'domestic_violence', 'hooliganism', 'drugs', 'road_traffic',
  'administrative_offences', 'other',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

/** the sections the report covers, in order. */
export const REPORT_SECTIONS = ['situation', 'prevention', 'legislation', 'complaints'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface StatisticsRow { category: OffenceCategory; count: number; lastYear: number | null }
export interface StatisticsChange extends StatisticsRow { change: number | null; changePercent: number | null }

/** The change against the same quarter of last year; no percentage when last year was zero. */
export function statisticsChange(rows: readonly StatisticsRow[]): StatisticsChange[] {
  return rows.map((r) => {
    if (r.lastYear == null) return { ...r, change: null, changePercent: null };
    const change = r.count - r.lastYear;
    return { ...r, change, changePercent: r.lastYear === 0 ? null : Math.round((change / r.lastYear) * 1000) / 10 };
  });
}

/** awards to active citizens, associations and organisations. */
export const AWARD_RECIPIENT_KINDS = ['citizen', 'public_association', 'organisation'] as const;
export type AwardRecipientKind = (typeof AWARD_RECIPIENT_KINDS)[number];
export const AWARD_KINDS = ['letter_of_thanks', 'certificate_of_honour', 'valuable_gift', 'cash_bonus', 'other'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
