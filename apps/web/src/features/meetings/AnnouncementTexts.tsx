import { Anchor, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { CopyText } from './CopyText.tsx';
import { fetchAnnouncementTexts, meetingKeys, posterUrl } from './meetings.api.ts';

const KINDS = ['post', 'notice', 'letter'] as const;

/** Ready texts of the notice in Kazakh and Russian, and the printable poster. */
export function AnnouncementTexts({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const texts = useQuery({ queryKey: meetingKeys.texts(meetingId), queryFn: ({ signal }) => fetchAnnouncementTexts(meetingId, signal) });

  return (
    <Stack gap="sm">
      <Group gap="md" wrap="wrap" data-testid="poster-links">
        <Text size="sm" fw={600}>{t('texts.poster')}:</Text>
        {(['kk', 'ru', 'both'] as const).map((lang) => (
          <Anchor key={lang} href={posterUrl(meetingId, lang)} target="_blank" rel="noreferrer" size="sm">
            <IconFileTypePdf size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t(`texts.posterLang.${lang}`)}
          </Anchor>
        ))}
      </Group>
      {texts.isPending && <PageLoader />}
      {texts.isError && <ErrorAlert error={texts.error} onRetry={() => void texts.refetch()} />}
      {texts.data && (
        <Tabs defaultValue={language === 'ru' ? 'ru' : 'kk'} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="kk" data-testid="texts-tab-kk">{t('texts.kk')}</Tabs.Tab>
            <Tabs.Tab value="ru" data-testid="texts-tab-ru">{t('texts.ru')}</Tabs.Tab>
          </Tabs.List>
          {(['kk', 'ru'] as const).map((lang) => (
            <Tabs.Panel key={lang} value={lang} pt="sm">
              <Stack gap="md">
                {KINDS.map((kind) => (
                  <CopyText key={kind} label={t(`texts.${kind}`)} value={texts.data[lang][kind]} lang={lang} testId={`text-${lang}-${kind}`} />
                ))}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
