import type { Language } from '../../i18n/index.ts';
import type { Topic } from './followup.api.ts';

/** An item topic's name in the interface language (the topics list has all three). */
export function topicName(topic: Pick<Topic, 'nameKk' | 'nameRu' | 'nameEn'>, language: Language): string {
  return (language === 'kk' ? topic.nameKk : language === 'ru' ? topic.nameRu : topic.nameEn) || topic.nameRu;
}
