import { STREET_KIND_WORDS } from '../org/coverage.ts';

/*
 * Issue 13, part 1: the search key of an address. A resident writes her street in Kazakh or
 * Russian, in Cyrillic, in the 2021 Kazakh Latin alphabet (Abaı, Qonaev, Jibek joly) or in the
 * ASCII people type on a phone (Abai, Kunaeva, Zhibek zholy), with or without the street-type
 * word. All of these fold to one plain ASCII key:
 *
 * - PostgreSQL's `unaccent` folds none of ә ғ қ ң ө ұ ү һ і, so the folding is ours, done in the
 *   application (import, seed, query) so that PGlite and PostgreSQL see the same keys.
 * - The key is ASCII on purpose: pg_trgm splits words at non-alphanumeric characters as the
 *   database's locale sees them, and under a `C` collation (PGlite, many containers) Cyrillic
 *   letters are not letters — trigrams of a Cyrillic key would be empty. Latin letters and
 *   digits are alphanumeric in every locale.
 * - Letters a Kazakh or Russian reader would not tell apart in a search fold together
 *   (і, и, й, ы and Latin i, ı, y → i; ә → a; қ → k; ұ, ү, у → u; ө → o; ң → n; ғ → g; һ, х → h).
 *   It is a matching key, never shown.
 */

/** Cyrillic (Kazakh and Russian) letters to the key's ASCII. */
const CYRILLIC: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', э: 'e', ж: 'zh', з: 'z',
  и: 'i', й: 'i', і: 'i', ы: 'i', к: 'k', қ: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sh', ъ: '', ь: '', ю: 'iu', я: 'ia',
};

/**
 * Latin letters to the key's ASCII: the 2021 Kazakh Latin alphabet (Ä ä, Ğ ğ, Q q, Ñ ñ, Ö ö,
 * Ū ū, Ü ü, I ı, İ i, Ş ş, Ç ç, J j = ж, Y y = ы), the accented letters of the 2018 variant
 * (á ǵ ń ó ú ý), and what people type without a Kazakh keyboard (w, x, c). ASCII digraphs
 * (sh, zh, ch, kh, ts, ya, yu) come out right by themselves or by KEY_DIGRAPHS below.
 */
const LATIN: Record<string, string> = {
  ä: 'a', á: 'a', à: 'a', â: 'a', ğ: 'g', ǵ: 'g', q: 'k', ñ: 'n', ń: 'n', ö: 'o', ó: 'o', ū: 'u', ü: 'u', ú: 'u', ù: 'u',
  ı: 'i', ý: 'i', ï: 'i', í: 'i', y: 'i', ş: 'sh', ç: 'ch', j: 'zh', w: 'u', x: 'ks', é: 'e', è: 'e', ë: 'e',
};

/** Applied to the ASCII until nothing changes (so folding twice is folding once). */
const KEY_DIGRAPHS: Array<[RegExp, string]> = [[/kh/g, 'h']];

function foldChar(c: string, next: string | undefined): string {
  const cyr = CYRILLIC[c];
  if (cyr !== undefined) return cyr;
  const lat = LATIN[c];
  if (lat !== undefined) return lat;
  // "c" is ч in "ch" and ц anywhere else (Tsentralnaya, Centralnaya).
  if (c === 'c') return next === 'h' ? 'c' : 'ts';
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
  // İ lower-cases to "i" + combining dot above; the dot and other marks vanish.
  if (/\p{M}/u.test(c)) return '';
  return ' ';
}

/**
 * The ASCII search key of a text: lower case, Kazakh and Russian Cyrillic and Kazakh Latin
 * folded together, anything but letters and digits a single space. Idempotent.
 */
export function foldAddress(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  const chars = [...lower];
  for (let i = 0; i < chars.length; i++) out += foldChar(chars[i]!, chars[i + 1]);
  for (;;) {
    let next = out;
    for (const [re, to] of KEY_DIGRAPHS) next = next.replace(re, to);
    if (next === out) break;
    out = next;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Street-type words and their abbreviations in kk, ru and en (folded), which a resident may
 * write before or after the name and the coverage never stores in it. The full words come
 * from STREET_KIND_WORDS; the abbreviations are the ones printed on signs and in addresses.
 */
const KIND_ABBREVIATIONS = [
  'ул', 'у', 'улиц', 'ulitsa', 'ulica', 'str', 'st', 'street', 'к', 'көш', 'к сі', 'көш сі', 'даң', 'д лы', 'пр', 'пр т', 'просп', 'пр кт', 'prospekt', 'pr', 'ave', 'av',
  'мкр', 'мкрн', 'м н', 'мк', 'шағ', 'ш а', 'mkr', 'пер', 'тұйық', 'бул', 'б р', 'blvd', 'ш', 'ш е', 'пл', 'наб', 'пр д', 'ж м', 'жм', 'массив', 'тас жол',
  'аулы', 'ауылы', 'ауыл',
];
/** Words that mark the house or flat, not the street. */
const HOUSE_WORDS = ['д', 'дом', 'үй', 'уй', 'house', 'no', 'n', 'номер', 'кв', 'пәтер', 'корп', 'к1'];

const KIND_PHRASES: string[][] = [...new Set([
  ...Object.values(STREET_KIND_WORDS).flatMap((w) => [w.kk, w.ru, w.en]),
  // Kazakh forms without the possessive ending, and Russian forms in other cases.
  'көше', 'даңғыл', 'шағын аудан', 'улице', 'проспекта', 'микрорайона', 'переулка', 'бульвара',
  ...KIND_ABBREVIATIONS,
].map(foldAddress))].filter((p) => p !== '').map((p) => p.split(' '))
  // Longest first, so "tuiik koshesi" goes before "koshesi".
  .sort((a, b) => b.length - a.length);
const HOUSE_TOKENS = new Set(HOUSE_WORDS.map(foldAddress));

/** The folded street name: the key without street-type words (kk, ru, en and abbreviations). */
export function streetSearchKey(name: string): string {
  return stripKindWords(foldAddress(name).split(' ').filter(Boolean)).join(' ');
}

function stripKindWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const phrase = KIND_PHRASES.find((p) => p.every((w, k) => tokens[i + k] === w));
    // A name made only of a type word ("Проспект") keeps it rather than vanish.
    if (phrase && tokens.length > phrase.length) { i += phrase.length; continue; }
    out.push(tokens[i]!);
    i++;
  }
  return out;
}

/** The stored key of a coverage line or a settlement: its kk and ru names folded, once each. */
export function namesSearchKey(nameKk: string, nameRu: string): string {
  const kk = streetSearchKey(nameKk);
  const ru = streetSearchKey(nameRu);
  return kk === ru ? kk : `${kk} ${ru}`.trim();
}

export interface AddressQuery {
  /** The folded street (or settlement) name without type words and house number. */
  key: string;
  /** The house number's leading digits ("12/1", "12А" → 12), when the query names one. */
  house: number | null;
}

/**
 * Splits what a resident typed into the street's key and the house number: "Абая 12",
 * "12 Абай көшесі", "ул. Абая, д. 12/1" and "Abai dangyly 15" all work. The first token that
 * starts with digits is the house; later numbers (flat, block) are dropped.
 */
export function parseAddressQuery(text: string): AddressQuery {
  // "12/1", "12-а", "12а": the separator would split the number from its tail.
  const tokens = foldAddress(text.replace(/(\d)\s*[/\\-]\s*[\p{L}\d]+/gu, '$1')).split(' ').filter(Boolean);
  let house: number | null = null;
  const words: string[] = [];
  for (const token of tokens) {
    const digits = /^(\d+)/.exec(token);
    if (digits) {
      if (house === null) house = Number.parseInt(digits[1]!, 10);
      continue;
    }
    if (HOUSE_TOKENS.has(token)) continue;
    words.push(token);
  }
  if (house !== null && (!Number.isSafeInteger(house) || house < 1)) house = null;
  return { key: stripKindWords(words).join(' '), house };
}
