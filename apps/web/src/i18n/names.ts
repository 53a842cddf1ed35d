import type { Language } from './index.ts';

interface Named { nameKk: string; nameRu: string }

/** The name in the interface language: Kazakh for kk, Russian for ru and en. */
export function localName(record: Named, language: Language): string {
  return language === 'kk' ? record.nameKk || record.nameRu : record.nameRu || record.nameKk;
}

/** The same choice for a pair of optional names (akimat, maslikhat). */
export function localText(kk: string | null, ru: string | null, language: Language): string | null {
  return language === 'kk' ? kk ?? ru : ru ?? kk;
}
