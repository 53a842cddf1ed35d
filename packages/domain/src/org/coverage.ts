/**
 * Address coverage of an administrative district: a street (with its type) and a range of
 * house numbers taken all, odd only or even only. Two ranges of one district on the same street
 * overlap when some house number falls in both — such a district would claim a house twice.
 */
export const STREET_KINDS = [
  'street', 'avenue', 'microdistrict', 'lane', 'boulevard', 'highway', 'square', 'embankment', 'passage', 'residential_area',
] as const;
export type StreetKind = (typeof STREET_KINDS)[number];

/** The type word printed before/after a street name, in Kazakh and Russian. */
export const STREET_KIND_WORDS: Record<StreetKind, { kk: string; ru: string; en: string }> = {
  street: { kk: 'көшесі', ru: 'улица', en: 'street' },
  avenue: { kk: 'даңғылы', ru: 'проспект', en: 'avenue' },
  microdistrict: { kk: 'шағын ауданы', ru: 'микрорайон', en: 'microdistrict' },
  lane: { kk: 'тұйық көшесі', ru: 'переулок', en: 'lane' },
  boulevard: { kk: 'желекжолы', ru: 'бульвар', en: 'boulevard' },
  highway: { kk: 'тас жолы', ru: 'шоссе', en: 'highway' },
  square: { kk: 'алаңы', ru: 'площадь', en: 'square' },
  embankment: { kk: 'жағалауы', ru: 'набережная', en: 'embankment' },
  passage: { kk: 'өткелі', ru: 'проезд', en: 'passage' },
  residential_area: { kk: 'тұрғын алабы', ru: 'жилой массив', en: 'residential area' },
};

export const PARITIES = ['all', 'odd', 'even'] as const;
export type Parity = (typeof PARITIES)[number];

export interface HouseRange {
  /** null: from the first house of the street. */
  from: number | null;
  /** null: to the last house of the street. */
  to: number | null;
  parity: Parity;
}

export interface CoverageLine extends HouseRange {
  streetKind: StreetKind;
  streetNameRu: string;
  streetNameKk: string;
}

export function rangeIsValid(range: HouseRange): boolean {
  if (range.from != null && (!Number.isInteger(range.from) || range.from < 1)) return false;
  if (range.to != null && (!Number.isInteger(range.to) || range.to < 1)) return false;
  return range.from == null || range.to == null || range.from <= range.to;
}

function firstMatching(start: number, parity: Parity): number {
  if (parity === 'all') return start;
  const wantOdd = parity === 'odd';
  return (start % 2 === 1) === wantOdd ? start : start + 1;
}

/** True when some house number lies in both ranges. */
export function rangesOverlap(a: HouseRange, b: HouseRange): boolean {
  const lo = Math.max(a.from ?? 1, b.from ?? 1);
  const hi = Math.min(a.to ?? Number.MAX_SAFE_INTEGER, b.to ?? Number.MAX_SAFE_INTEGER);
  if (lo > hi) return false;
  if (a.parity !== 'all' && b.parity !== 'all' && a.parity !== b.parity) return false;
  const parity = a.parity !== 'all' ? a.parity : b.parity;
  return firstMatching(lo, parity) <= hi;
}

const streetKey = (line: CoverageLine) => `${line.streetKind}|${line.streetNameRu.trim().toLowerCase()}`;

/** Pairs of indices of lines of one district whose ranges overlap on the same street. */
export function overlappingCoverage(lines: readonly CoverageLine[]): Array<[number, number]> {
  const byStreet = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const key = streetKey(line);
    byStreet.set(key, [...(byStreet.get(key) ?? []), index]);
  });
  const pairs: Array<[number, number]> = [];
  for (const indices of byStreet.values()) {
    for (let i = 0; i < indices.length; i++) {
      for (let j = i + 1; j < indices.length; j++) {
        const a = indices[i]!;
        const b = indices[j]!;
        if (rangesOverlap(lines[a]!, lines[b]!)) pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** Whether a house number (its leading digits: "12А" → 12) is covered by a range. */
export function houseInRange(house: string, range: HouseRange): boolean {
  const n = Number.parseInt(house, 10);
  if (!Number.isFinite(n)) return false;
  if (range.from != null && n < range.from) return false;
  if (range.to != null && n > range.to) return false;
  if (range.parity === 'odd') return n % 2 === 1;
  if (range.parity === 'even') return n % 2 === 0;
  return true;
}
