import { RULES } from '@esep/domain';
import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isRuleId, paragraphOf, ruleHref } from './rules.ts';
import type { RuleRefusal } from './types.ts';

export interface Refusal {
  message: string;
  rule: string | null;
  /** The field of the plan the refusal is about (`venueAddress`), without a `body.` prefix. */
  field: string | null;
  /** Every field a schema validation named, with its reason. */
  fields: Array<{ field: string; reason: string }>;
  params: Record<string, unknown>;
}

/** What went wrong, from an API error: the localised message and the rule and field it names. */
export function refusalOf(error: unknown): Refusal {
  if (!isApiError(error)) return { message: error instanceof Error ? error.message : String(error), rule: null, field: null, fields: [], params: {} };
  const details = error.details;
  if (Array.isArray(details)) {
    const fields = details.map((d: { field?: string; reason?: string }) => ({ field: String(d.field ?? '').replace(/^body\./, ''), reason: String(d.reason ?? '') }));
    return { message: error.message, rule: null, field: fields[0]?.field.split('.')[0] || null, fields, params: {} };
  }
  const refusal = (details ?? {}) as RuleRefusal;
  return { message: error.message, rule: refusal.rule ?? null, field: refusal.field ?? null, fields: [], params: refusal.params ?? {} };
}

/** A link "§27 ¶1" to the paragraph on the rules page, with the rule's title for screen readers and on hover. */
export function RuleLink({ rule }: { rule: string }) {
  const language = useLanguage();
  const title = isRuleId(rule) ? RULES[rule].title[language] : undefined;
  return (
    <Anchor component={Link} to={ruleHref(rule)} title={title} fw={600} data-rule={rule} style={{ whiteSpace: 'nowrap' }}>
      {paragraphOf(rule)}
    </Anchor>
  );
}

/** The message of a refusal with the paragraph it rests on, for a field's `error`. */
export function FieldRefusal({ refusal }: { refusal: Refusal }): ReactNode {
  return <>{refusal.message}{refusal.rule && <> (<RuleLink rule={refusal.rule} />)</>}</>;
}

/** A refused request: the server's message and, for a rule, "§27 ¶1 — title" linking to the rules page. */
export function RefusalAlert({ error, testId, title }: { error: unknown; testId?: string; title?: string }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const refusal = refusalOf(error);
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title={title ?? refusal.message} data-testid={testId} data-rule={refusal.rule ?? undefined}>
      <Stack gap={4}>
        {title && <Text size="sm">{refusal.message}</Text>}
        {refusal.rule && (
          <Text size="sm">
            {t('common.rule')}: <RuleLink rule={refusal.rule} />
            {isRuleId(refusal.rule) && <> — {RULES[refusal.rule].title[language]}</>}
          </Text>
        )}
        {refusal.fields.length > 0 && (
          <List size="sm">
            {refusal.fields.map((f) => <List.Item key={`${f.field}-${f.reason}`}>{f.field}: {f.reason}</List.Item>)}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
