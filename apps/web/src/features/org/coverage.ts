import type { TFunction } from 'i18next';
import type { CoverageLine } from '../../app/types.ts';
import type { Language } from '../../i18n/index.ts';

/**
 * The street with its kind word in the reader's language: Kazakh and English put the word
 * after the name ("Абай даңғылы"), Russian before it ("проспект Абая").
 */
export function streetLabel(line: CoverageLine, language: Language, t: TFunction): string {
  const name = language === 'kk' ? line.streetNameKk || line.streetNameRu : line.streetNameRu || line.streetNameKk;
  const word = t(`streetKinds.${line.streetKind}`);
  return language === 'ru' ? `${word} ${name}` : `${name} ${word}`;
}

/** The house range: "5–21", "from 5", "up to 21" or "all houses". */
export function housesLabel(line: CoverageLine, t: TFunction): string {
  const { houseFrom: from, houseTo: to } = line;
  if (from == null && to == null) return t('district.housesAll');
  if (from == null) return t('district.housesToOnly', { to });
  if (to == null) return t('district.housesFromOnly', { from });
  return from === to ? String(from) : `${from}–${to}`;
}
