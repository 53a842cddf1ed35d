import { RULES, type RuleId } from '@esep/domain';
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { formatLongDate } from '../../app/format.ts';
import { ErrorAlert } from '../../app/status.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';

interface OverlapDetails { rule?: string; from?: string; to?: string | null }

const isRuleId = (value: unknown): value is RuleId => typeof value === 'string' && value in RULES;

/**
 * A refused assignment. For `assignment_overlap` (R-2.2: one inspector per district at a time)
 * it names the conflicting period and the paragraph of the Rules, so the head knows which
 * assignment to end first; any other error shows the server's message.
 */
export function AssignmentError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!isApiError(error) || error.code !== 'assignment_overlap') return <ErrorAlert error={error} />;
  const details = (error.details ?? {}) as OverlapDetails;
  const rule = isRuleId(details.rule) ? RULES[details.rule] : null;
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={error.message} role="alert" data-testid="assignment-overlap">
      <Stack gap={4}>
        {details.from && (
          <Text size="sm">
            {t('assignment.conflict', {
              from: formatLongDate(details.from, language),
              to: details.to ? formatLongDate(details.to, language) : t('district.current'),
            })}
          </Text>
        )}
        {rule && (
          <Text size="sm">
            <Text span fw={700} size="sm">{t('assignment.ruleRef', { paragraph: rule.paragraph })}</Text>
            {' '}{rule.title[language]}. {t('assignment.oneInspector')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
