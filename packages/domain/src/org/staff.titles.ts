/**
 * Positions of police staff and the special ranks of the police of Kazakhstan, each a code with
 * its Kazakh, Russian and English label, written as they stand mid-sentence (`capitalised` for
 * the start of a line). The one list the structure import reads (a code or any
 * label), the database stores (codes) and every screen and document prints (the label in its
 * language) — a code never reaches a reader.
 */
export type TitleLang = 'kk' | 'ru' | 'en';
export type TitleLabels = Readonly<Record<TitleLang, string>>;

/**
 * Positions Esep knows. An inspector reports at the meeting; the point lead is the
 * inspector responsible for organising the work of the district police point.
 */
export const STAFF_POSITION_CODES = ['inspector', 'assistant', 'point_lead', 'unit_head', 'deputy_unit_head', 'regional_head'] as const;
export type StaffPosition = (typeof STAFF_POSITION_CODES)[number];

export const STAFF_POSITION_LABELS: Readonly<Record<StaffPosition, TitleLabels>> = {
  inspector: { kk: 'учаскелік полиция инспекторы', ru: 'участковый инспектор полиции', en: 'district police inspector' },
  assistant: { kk: 'учаскелік полиция инспекторының көмекшісі', ru: 'помощник участкового инспектора полиции', en: 'assistant district police inspector' },
  point_lead: { kk: 'учаскелік полиция пунктінің бастығы', ru: 'начальник участкового пункта полиции', en: 'head of the district police point' },
  unit_head: { kk: 'полиция бөлімінің бастығы', ru: 'начальник отдела полиции', en: 'head of the police department' },
  deputy_unit_head: { kk: 'полиция бөлімі бастығының орынбасары', ru: 'заместитель начальника отдела полиции', en: 'deputy head of the police department' },
  regional_head: { kk: 'полиция департаментінің бастығы', ru: 'начальник департамента полиции', en: 'head of the regional police department' },
};

/**
 * Special ranks of the police (Law of Kazakhstan "On law enforcement service"), junior to senior:
 * the junior commanding staff, then the middle, senior and highest. The Kazakh form puts
 * "полиция" first and the rank in the possessive ("полиция капитаны"); the Russian puts it last
 * in the genitive ("капитан полиции").
 */
export const POLICE_RANK_CODES = [
  'junior_sergeant', 'sergeant', 'senior_sergeant', 'sergeant_major',
  'junior_lieutenant', 'lieutenant', 'senior_lieutenant', 'captain',
  'major', 'lieutenant_colonel', 'colonel',
  'major_general', 'lieutenant_general', 'colonel_general',
] as const;
export type PoliceRank = (typeof POLICE_RANK_CODES)[number];

export const POLICE_RANK_LABELS: Readonly<Record<PoliceRank, TitleLabels>> = {
  junior_sergeant: { kk: 'полиция кіші сержанты', ru: 'младший сержант полиции', en: 'police junior sergeant' },
  sergeant: { kk: 'полиция сержанты', ru: 'сержант полиции', en: 'police sergeant' },
  senior_sergeant: { kk: 'полиция аға сержанты', ru: 'старший сержант полиции', en: 'police senior sergeant' },
  sergeant_major: { kk: 'полиция старшинасы', ru: 'старшина полиции', en: 'police sergeant major' },
  junior_lieutenant: { kk: 'полиция кіші лейтенанты', ru: 'младший лейтенант полиции', en: 'police junior lieutenant' },
  lieutenant: { kk: 'полиция лейтенанты', ru: 'лейтенант полиции', en: 'police lieutenant' },
  senior_lieutenant: { kk: 'полиция аға лейтенанты', ru: 'старший лейтенант полиции', en: 'police senior lieutenant' },
  captain: { kk: 'полиция капитаны', ru: 'капитан полиции', en: 'police captain' },
  major: { kk: 'полиция майоры', ru: 'майор полиции', en: 'police major' },
  lieutenant_colonel: { kk: 'полиция подполковнигі', ru: 'подполковник полиции', en: 'police lieutenant colonel' },
  colonel: { kk: 'полиция полковнигі', ru: 'полковник полиции', en: 'police colonel' },
  major_general: { kk: 'полиция генерал-майоры', ru: 'генерал-майор полиции', en: 'police major general' },
  lieutenant_general: { kk: 'полиция генерал-лейтенанты', ru: 'генерал-лейтенант полиции', en: 'police lieutenant general' },
  colonel_general: { kk: 'полиция генерал-полковнигі', ru: 'генерал-полковник полиции', en: 'police colonel general' },
};

/** "Капитан  Полиции", "капитан полиции." and "капитан полиции" are one spelling. */
export const titleKey = (text: string): string =>
  text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[\s\u00a0]+/g, ' ').replace(/\s*-\s*/g, '-').trim().replace(/[.,;]+$/, '').trim();

/** Every accepted spelling of each code: the code itself and its labels, with or without "police". */
function spellings<C extends string>(labels: Readonly<Record<C, TitleLabels>>, short: (label: string) => string | null): Map<string, C> {
  const out = new Map<string, C>();
  for (const code of Object.keys(labels) as C[]) {
    const forms = [code, code.replace(/_/g, ' '), code.replace(/_/g, '-'), ...Object.values<string>(labels[code])];
    for (const form of [...forms, ...forms.map(short).filter((s): s is string => !!s)]) out.set(titleKey(form), code);
  }
  return out;
}

// "капитан", "капитаны", "captain": the word "police" is implied on a police staff list.
const RANKS = spellings(POLICE_RANK_LABELS, (label) => {
  const key = titleKey(label);
  const bare = key.replace(/^полиция /, '').replace(/ полиции$/, '').replace(/^police /, '');
  return bare === key ? null : bare;
});
const POSITIONS = spellings(STAFF_POSITION_LABELS, () => null);

/** The rank a cell names (a code or a Kazakh, Russian or English label), or null when none. */
export function parsePoliceRank(text: string): PoliceRank | null {
  return RANKS.get(titleKey(text)) ?? null;
}

/** The position a cell names (a code or a Kazakh, Russian or English label), or null when none. */
export function parseStaffPosition(text: string): StaffPosition | null {
  return POSITIONS.get(titleKey(text)) ?? null;
}

/**
 * The rank as a reader reads it, in the given language. Also takes what older records hold (a
 * signed protocol keeps the rank as it was written then, often the Kazakh label): a known
 * spelling is relabelled, anything else is returned as it is; null when there is none.
 */
export function rankLabel(value: string | null | undefined, lang: TitleLang): string | null {
  if (!value?.trim()) return null;
  const code = parsePoliceRank(value);
  return code ? POLICE_RANK_LABELS[code][lang] : value.trim();
}

/** The position as a reader reads it, in the given language (codes and older labels alike). */
export function positionLabel(value: string | null | undefined, lang: TitleLang): string | null {
  if (!value?.trim()) return null;
  const code = parseStaffPosition(value);
  return code ? STAFF_POSITION_LABELS[code][lang] : value.trim();
}

/** "Полиция капитаны", "Участковый инспектор полиции": a label at the start of a line. */
export const capitalised = (text: string): string => text.replace(/^./u, (c) => c.toLocaleUpperCase('kk'));
