import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconBook, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { formatLongDate, formatLongDateTime } from '../../app/format.ts';
import { ErrorAlert, PageLoader } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { wrappingButton } from '../meetings/buttons.ts';
import { ACK_REPORT_ROLES } from '../meetings/roles.ts';
import { paragraphOf } from '../meetings/rules.ts';
import type { CatalogueRule } from '../meetings/types.ts';
import { AcknowledgementTable } from './AcknowledgementTable.tsx';
import { acknowledgeRules, fetchAcknowledgement, fetchRules, rulesKeys } from './rules.api.ts';
import './rules.css';
import { TONE } from '../meetings/StatusBadge.tsx';

const GROUPS = [
  { key: 'amended', test: (id: string) => id === 'R-2.2' || id === 'R-22.13' },
  { key: 'chapter3', test: (id: string) => !id.startsWith('R-O.') && id !== 'R-2.2' && id !== 'R-22.13' },
  { key: 'order', test: (id: string) => id.startsWith('R-O.') },
] as const;

function RuleArticle({ rule }: { rule: CatalogueRule }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <article id={rule.id} className="rule-article" tabIndex={-1} aria-labelledby={`${rule.id}-title`} data-testid={`rule-${rule.id}`}>
      <Title order={3} size="h4" id={`${rule.id}-title`}>
        {paragraphOf(rule.id)} — {rule.title[language]}
      </Title>
      <Text size="xs" c="gray.8" mb="xs">{t('rules.effectiveFrom', { date: formatLongDate(rule.effectiveFrom, language) })}</Text>
      <div className="rule-texts">
        <div>
          <Text size="sm" fw={700}>{t('rules.kkOfficial')}</Text>
          <Text className="rule-text" lang="kk">{rule.text.kk}</Text>
        </div>
        <div>
          <Text size="sm" fw={700}>{t('rules.ruWorking')}</Text>
          <Text className="rule-text" lang="ru">{rule.text.ru}</Text>
        </div>
        {language === 'en' && (
          <div>
            <Text size="sm" fw={700}>{t('rules.enWorking')}</Text>
            <Text className="rule-text" lang="en">{rule.text.en}</Text>
          </div>
        )}
      </div>
    </article>
  );
}

function Acknowledge() {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: rulesKeys.mine, queryFn: ({ signal }) => fetchAcknowledgement(signal) });
  const ack = useMutation({
    mutationFn: acknowledgeRules,
    onSuccess: (data) => {
      queryClient.setQueryData(rulesKeys.mine, data);
      void queryClient.invalidateQueries({ queryKey: rulesKeys.report });
    },
  });
  if (state.isPending) return <PageLoader />;
  if (state.isError) return <ErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  if (state.data.acknowledgedAt) {
    return (
      <Alert color={TONE.green} icon={<IconCircleCheck aria-hidden />} data-testid="rules-ack-done" role="status">
        {t('rules.acknowledgedOn', { date: formatLongDateTime(state.data.acknowledgedAt, language) })}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">{t('rules.ackHint')}</Text>
      <Button size="md" styles={wrappingButton} leftSection={<IconBook size={18} aria-hidden />} loading={ack.isPending} onClick={() => ack.mutate()} data-testid="rules-ack">
        {t('rules.acknowledge')}
      </Button>
      {ack.isError && <ErrorAlert error={ack.error} />}
    </Stack>
  );
}

/** `/rules` — Chapter 3 of the Rules (Order No. 652), paragraph by paragraph, with an anchor for each. */
export function RulesPage() {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  const { hash } = useLocation();
  useDocumentTitle(`${t('rules.title')} — Esep`);
  const rules = useQuery({ queryKey: rulesKeys.catalogue, queryFn: ({ signal }) => fetchRules(signal), staleTime: Infinity });

  // A link to "/rules#R-27.1" opens the page at that paragraph, once it is there.
  useEffect(() => {
    if (!rules.data || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  }, [rules.data, hash]);

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('rules.title')}</Title>
      <Text>{t('rules.intro')}</Text>
      <Text size="sm" c="gray.8">{t('rules.translationNote')}</Text>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="rules-ack-title">
        <Title order={2} size="h4" mb="xs" id="rules-ack-title">{t('rules.ackTitle')}</Title>
        <Acknowledge />
      </Paper>
      {rules.isPending && <PageLoader />}
      {rules.isError && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.data && (
        <>
          <nav aria-label={t('rules.contents')}>
            <Group gap="xs" wrap="wrap">
              {rules.data.rules.map((rule) => (
                <Anchor key={rule.id} href={`#${rule.id}`} size="sm" className="rule-toc-link">{paragraphOf(rule.id)}</Anchor>
              ))}
            </Group>
          </nav>
          {GROUPS.map((group) => {
            const items = rules.data.rules.filter((rule) => group.test(rule.id));
            return items.length === 0 ? null : (
              <section key={group.key} aria-labelledby={`rules-${group.key}`}>
                <Title order={2} size="h3" id={`rules-${group.key}`} mb="sm">{t(`rules.groups.${group.key}`)}</Title>
                <Stack gap="md">{items.map((rule) => <RuleArticle key={rule.id} rule={rule} />)}</Stack>
              </section>
            );
          })}
          <Text size="xs" c="gray.8">{t('rules.version', { version: rules.data.version })}</Text>
        </>
      )}
      {hasRole(user, ACK_REPORT_ROLES) && (
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="rules-report-title">
          <Title order={2} size="h4" mb="xs" id="rules-report-title">{t('rules.reportTitle')}</Title>
          <AcknowledgementTable />
        </Paper>
      )}
    </Stack>
  );
}
