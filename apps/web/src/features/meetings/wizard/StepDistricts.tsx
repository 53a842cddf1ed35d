import { Alert, Checkbox, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../../app/status.tsx';
import { useCurrentUser } from '../../auth/session.tsx';
import { localName } from '../../../i18n/names.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { RuleLink } from '../RuleRefusal.tsx';
import type { StepProps } from './StepProps.ts';
import { useDistrict, useMyDistricts } from './wizard.data.ts';
import { TONE } from '../StatusBadge.tsx';

/** Step 1: the district, and its neighbours for a joint meeting. */
export function StepDistricts({ form, set, errors, vacant }: StepProps & { vacant: string[] }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const user = useCurrentUser();
  const mine = useMyDistricts();
  const primaryId = form.districtIds[0];
  const primary = useDistrict(primaryId);
  const known = new Map((mine.data?.items ?? []).map((d) => [d.id, d]));
  // Vacant: known without an inspector, or named so by the server's refusal.
  const isVacant = (id: string) => vacant.includes(id) || (known.has(id) && known.get(id)!.inspector === null)
    || (primary.data?.id === id && primary.data.inspector === null);
  // The other districts the user sees: a joint meeting may reach them through a neighbour; the
  // server checks that the chosen districts border one another.
  const others = (mine.data?.items ?? []).filter((d) => d.id !== primaryId && !primary.data?.adjacent.some((a) => a.id === d.id));
  const toggle = (id: string, on: boolean) => set({
    districtIds: on ? [...form.districtIds, id] : form.districtIds.filter((d) => d !== id),
    acting: on ? form.acting : form.acting.filter((d) => d !== id),
  });

  const actingBox = (id: string) => user.staffId && isVacant(id) && form.districtIds.includes(id) && (
    <Checkbox
      ml={32}
      size="md"
      checked={form.acting.includes(id)}
      onChange={(e) => set({ acting: e.currentTarget.checked ? [...form.acting, id] : form.acting.filter((d) => d !== id) })}
      label={t('wizard.districts.acting')}
      description={<>{t('wizard.districts.actingHint')} (<RuleLink rule="R-2.2" />)</>}
      data-testid={`wizard-acting-${id}`}
    />
  );

  return (
    <Stack gap="md">
      {mine.isError && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
      {(mine.data?.items.length ?? 0) > 1 && (
        <NativeSelect
          size="md"
          label={t('wizard.districts.primary')}
          value={primaryId ?? ''}
          onChange={(e) => set({ districtIds: e.currentTarget.value ? [e.currentTarget.value] : [], acting: [] })}
          data={[
            { value: '', label: t('wizard.districts.choose') },
            ...(mine.data?.items ?? []).map((d) => ({ value: d.id, label: `${localName(d, language)} (${d.code})` })),
          ]}
          error={errors.districtIds}
          data-testid="wizard-primary"
        />
      )}
      {!primaryId && (mine.data?.items.length ?? 0) <= 1 && errors.districtIds && <Alert color="red" role="alert">{errors.districtIds}</Alert>}
      {primary.isPending && primaryId && <PageLoader />}
      {primary.isError && <ErrorAlert error={primary.error} onRetry={() => void primary.refetch()} />}
      {primary.data && (
        <Stack gap="sm">
          <Checkbox
            size="md"
            checked
            disabled
            label={`${localName(primary.data, language)} (${primary.data.code})`}
            description={primary.data.inspector?.fullName ?? t('wizard.districts.noInspector')}
            data-testid={`wizard-district-${primary.data.code}`}
          />
          {actingBox(primary.data.id)}
          <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
            <Text component="legend" fw={600} px={4}>
              <IconUsersGroup size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('wizard.districts.adjacent')}
            </Text>
            <Text size="sm" c="gray.8" mb="sm">
              {t('wizard.districts.jointHint')} (<RuleLink rule="R-27.4" />)
            </Text>
            <Stack gap="sm">
              {primary.data.adjacent.length === 0 && <Text size="sm">{t('wizard.districts.noAdjacent')}</Text>}
              {primary.data.adjacent.map((d) => (
                <Stack key={d.id} gap={6}>
                  <Checkbox
                    size="md"
                    checked={form.districtIds.includes(d.id)}
                    onChange={(e) => toggle(d.id, e.currentTarget.checked)}
                    label={`${localName(d, language)} (${d.code})`}
                    description={known.get(d.id)?.inspector?.fullName}
                    data-testid={`wizard-district-${d.code}`}
                  />
                  {actingBox(d.id)}
                </Stack>
              ))}
            </Stack>
          </Paper>
          {others.length > 0 && (
            <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
              <Text component="legend" fw={600} px={4}>{t('wizard.districts.others')}</Text>
              <Text size="sm" c="gray.8" mb="sm">
                {t('wizard.districts.othersHint')} (<RuleLink rule="R-27.4" />)
              </Text>
              <Stack gap="sm">
                {others.map((d) => (
                  <Stack key={d.id} gap={6}>
                    <Checkbox
                      size="md"
                      checked={form.districtIds.includes(d.id)}
                      onChange={(e) => toggle(d.id, e.currentTarget.checked)}
                      label={`${localName(d, language)} (${d.code})`}
                      description={d.inspector?.fullName ?? t('wizard.districts.noInspector')}
                      data-testid={`wizard-district-${d.code}`}
                    />
                    {actingBox(d.id)}
                  </Stack>
                ))}
              </Stack>
            </Paper>
          )}
          {form.districtIds.length > 1 && (
            <Alert color={TONE.blue} variant="light" role="status">
              {t('wizard.districts.joint', { count: form.districtIds.length })}
            </Alert>
          )}
          {errors.inspectors && <Alert color="red" role="alert">{errors.inspectors}</Alert>}
        </Stack>
      )}
    </Stack>
  );
}
