import { FINAL_OUTCOMES, ITEM_KINDS, ITEM_OUTCOMES, ITEM_RESOLUTIONS, OFFENCE_CATEGORIES, REPORT_SECTIONS, SOURCE_KINDS } from '@esep/domain';
import type { CarriedItem, ItemOutcome } from './report.api.ts';
import { PALETTE } from '../../app/design.ts';

/*
 * The enumerations of preparation and the report, from the domain package (plain arrays, no
 * zod); `report.locales.test.ts` checks every value has its name in all three languages.
 */
export { ITEM_KINDS, ITEM_OUTCOMES, ITEM_RESOLUTIONS, OFFENCE_CATEGORIES, REPORT_SECTIONS, SOURCE_KINDS };

/** An item whose outcome is final needs no "what was done" note (R-30 ¶4, R-32.4, R-32.5). */
export const isFinalOutcome = (outcome: ItemOutcome) => FINAL_OUTCOMES.includes(outcome);

/** Dark tones: white badge text keeps a contrast above 4.5:1; the words say the outcome. */
export const OUTCOME_COLORS: Record<ItemOutcome, string> = {
  unclassified: PALETTE.neutral,
  answered: PALETTE.success,
  check_open: PALETTE.caution,
  check_done: PALETTE.done,
  forward_open: PALETTE.accent,
  forwarded: PALETTE.info,
  initiator_notified: PALETTE.progress,
};

/** R-30 ¶4: the non-final items that still have no "what was done" note. */
export function missingNotes(items: readonly (Pick<CarriedItem, 'outcome' | 'note'> & Partial<Pick<CarriedItem, 'residentsNotResolved'>>)[]): number {
  // Issue 13: a resident's "not resolved" needs an answer whatever the outcome says.
  return items.filter((i) => (!isFinalOutcome(i.outcome) || (i.residentsNotResolved?.count ?? 0) > 0) && !i.note).length;
}
