/**
 * every proposal and remark raised at the meeting is heard and answered. Each item is
 * classified: answered in full at the meeting, to be checked or outside police
 * competence, to be forwarded.
 */
export const ITEM_KINDS = ['complaint', 'proposal', 'remark', 'question'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_RESOLUTIONS = ['answered', 'to_check', 'to_forward'] as const;
export type ItemResolution = (typeof ITEM_RESOLUTIONS)[number];

/** The topics seeded on first start; administrators may add more (the list is configurable). */
export const DEFAULT_ITEM_TOPICS = [
  { code: 'public_order', kk: 'Қоғамдық тәртіп', ru: 'Общественный порядок', en: 'Public order' },
  { code: 'domestic_violence', kk: 'Тұрмыстық зорлық-зомбылық', ru: 'Бытовое насилие', en: 'Domestic violence' },
  { code: 'road_safety', kk: 'Жол қозғалысының қауіпсіздігі', ru: 'Безопасность дорожного движения', en: 'Road safety' },
  { code: 'fraud', kk: 'Алаяқтық', ru: 'Мошенничество', en: 'Fraud' },
  { code: 'youth', kk: 'Жастар', ru: 'Молодёжь', en: 'Youth' },
  { code: 'neighbours', kk: 'Көршілер', ru: 'Соседи', en: 'Neighbours' },
  { code: 'housing', kk: 'Тұрғын үй', ru: 'Жильё', en: 'Housing' },
  { code: 'other', kk: 'Басқа', ru: 'Другое', en: 'Other' },
] as const;

export interface ItemClassification { resolution: ItemResolution | null; answer: string | null }

/** An item answered in full must carry the answer given; the others get theirs later. */
export function classificationProblem(c: ItemClassification): 'answer_required' | null {
  if (c.resolution === 'answered' && !(c.answer ?? '').trim()) return 'answer_required';
  return null;
}

/** Where an item raised earlier stands now; the check and forwarding facts come with. */
export const ITEM_OUTCOMES = ['unclassified', 'answered', 'check_open', 'check_done', 'forward_open', 'forwarded', 'initiator_notified'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export interface ItemFollowUp {
  resolution: ItemResolution | null;
  check?: { status: 'open' | 'done'; result: string | null } | null;
  forwarding?: { body: string | null; sentOn: string | null; initiatorNotifiedOn: string | null } | null;
}

export function itemOutcome(f: ItemFollowUp): ItemOutcome {
  switch (f.resolution) {
    case null: return 'unclassified';
    case 'answered': return 'answered';
    case 'to_check': return f.check?.status === 'done' ? 'check_done' : 'check_open';
    case 'to_forward':
      if (f.forwarding?.initiatorNotifiedOn) return 'initiator_notified';
      return f.forwarding?.sentOn ? 'forwarded' : 'forward_open';
  }
}

/** An outcome after which nothing more is owed on the item. */
export const FINAL_OUTCOMES: readonly ItemOutcome[] = ['answered', 'check_done', 'initiator_notified'];

export interface CarryCandidate { itemId: string; meetingId: string; meetingStartsAt: Date; districtIds: readonly string[]; outcome: ItemOutcome }

/**
 * the report on measures taken on complaints and appeals starts from what residents
 * raised before. For each district of this meeting it carries every item of that district's
 * latest earlier meeting, and every item of older meetings still not settled — so nothing
 * raised last time silently drops out.
 */
export function carryOver<T extends CarryCandidate>(districtIds: readonly string[], before: Date, candidates: readonly T[]): T[] {
  const earlier = candidates.filter((c) => c.meetingStartsAt.getTime() < before.getTime() && c.districtIds.some((d) => districtIds.includes(d)));
  const latest = new Map<string, number>();
  for (const c of earlier) {
    for (const d of c.districtIds) {
      if (!districtIds.includes(d)) continue;
      latest.set(d, Math.max(latest.get(d) ?? 0, c.meetingStartsAt.getTime()));
    }
  }
  return earlier
    .filter((c) => c.districtIds.some((d) => latest.get(d) === c.meetingStartsAt.getTime()) || !FINAL_OUTCOMES.includes(c.outcome))
    .sort((a, b) => a.meetingStartsAt.getTime() - b.meetingStartsAt.getTime() || a.itemId.localeCompare(b.itemId));
}
