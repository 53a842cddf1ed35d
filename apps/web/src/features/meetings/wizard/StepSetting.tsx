import { Alert, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/status.tsx';
import { localName } from '../../../i18n/names.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { RuleLink } from '../RuleRefusal.tsx';
import { SETTINGS } from '../options.ts';
import type { Setting } from '../types.ts';
import { belowInitiativeShare, initiativeSharePercent } from './plan.ts';
import type { StepProps } from './StepProps.ts';
import { useConveningAtus, useDistrict } from './wizard.data.ts';
import { TONE } from '../StatusBadge.tsx';

const RULE_OF: Record<Setting, string> = { gathering: 'R-26', akim_meeting: 'R-27.3', initiative_meeting: 'R-27.3' };
const count = (value: number | string): number | '' => (typeof value === 'number' ? value : '');

/** Step 2: where the report is given — a gathering, an akim's meeting, or one on members' initiative (R-26, R-27.3). */
export function StepSetting({ form, set, errors }: StepProps) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const akim = form.setting === 'akim_meeting';
  const atus = useConveningAtus(akim);
  const primary = useDistrict(form.districtIds[0]);
  const share = initiativeSharePercent(form);

  // The district's own ATU is the likely convener.
  useEffect(() => {
    if (!akim || form.convenerAtuId || !atus.data || !primary.data) return;
    const own = atus.data.find((atu) => atu.id === primary.data.atu.id);
    if (own) set({ convenerAtuId: own.id });
  }, [akim, atus.data, primary.data]);

  return (
    <Stack gap="md">
      <Radio.Group
        label={t('wizard.setting.label')}
        value={form.setting}
        onChange={(value) => set({ setting: value as Setting })}
        error={errors.setting}
      >
        <Stack gap="sm" mt="xs">
          {SETTINGS.map((setting) => (
            <Radio
              key={setting}
              size="md"
              value={setting}
              label={t(`setting.${setting}`)}
              description={<>{t(`wizard.setting.${setting}`)} (<RuleLink rule={RULE_OF[setting]} />)</>}
              data-testid={`wizard-setting-${setting}`}
            />
          ))}
        </Stack>
      </Radio.Group>

      {akim && (
        <>
          {atus.isError && <ErrorAlert error={atus.error} onRetry={() => void atus.refetch()} />}
          <NativeSelect
            size="md"
            label={t('wizard.setting.convener')}
            description={t('wizard.setting.convenerHint')}
            value={form.convenerAtuId ?? ''}
            onChange={(e) => set({ convenerAtuId: e.currentTarget.value || null })}
            data={[
              { value: '', label: atus.isPending ? t('common.loading') : t('wizard.setting.chooseAtu') },
              ...(atus.data ?? []).map((atu) => ({ value: atu.id, label: `${localName(atu, language)}${atu.akimName ? ` — ${atu.akimName}` : ''}` })),
            ]}
            error={errors.convenerAtuId}
            withAsterisk
            data-testid="wizard-convener"
          />
        </>
      )}

      {form.setting === 'initiative_meeting' && (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput
              size="md"
              label={t('wizard.setting.members')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              value={form.membersCount}
              onChange={(v) => set({ membersCount: count(v) })}
              error={errors.membersCount}
              withAsterisk
              data-testid="wizard-members"
            />
            <NumberInput
              size="md"
              label={t('wizard.setting.initiatorsCount')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={form.initiatorsCount}
              onChange={(v) => set({ initiatorsCount: count(v) })}
              error={errors.initiatorsCount}
              withAsterisk
              data-testid="wizard-initiators-count"
            />
          </SimpleGrid>
          <Text aria-live="polite" data-testid="wizard-share">
            {share === null ? t('wizard.setting.shareUnknown') : t('wizard.setting.share', { share })}
          </Text>
          {belowInitiativeShare(share) && (
            <Alert color={TONE.orange} icon={<IconAlertTriangle aria-hidden />} data-testid="wizard-share-warning">
              {t('wizard.setting.shareLow', { share })} (<RuleLink rule="R-27.3" />)
            </Alert>
          )}
          <Textarea
            size="md"
            label={t('wizard.setting.initiators')}
            description={t('wizard.setting.initiatorsHint')}
            autosize
            minRows={2}
            maxRows={8}
            value={form.initiators}
            onChange={(e) => set({ initiators: e.currentTarget.value })}
          />
        </Stack>
      )}
    </Stack>
  );
}
