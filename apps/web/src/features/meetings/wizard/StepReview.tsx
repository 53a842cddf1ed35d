import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayIso } from '../../../app/format.ts';
import { localName } from '../../../i18n/names.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import { Facts } from '../../org/DistrictFacts.tsx';
import { initiativeSharePercent, hasLink, hasVenue } from './plan.ts';
import type { StepProps } from './StepProps.ts';
import { noticeFor } from '../time.ts';
import { useConveningAtus, useDistrict } from './wizard.data.ts';

/** Step 5: the whole plan once more before it is saved. */
export function StepReview({ form }: Pick<StepProps, 'form'>) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const primary = useDistrict(form.districtIds[0]);
  const atus = useConveningAtus(form.setting === 'akim_meeting');
  const none = t('common.none');
  const refs = primary.data ? [primary.data, ...primary.data.adjacent] : [];
  const names = form.districtIds.map((id) => {
    const ref = refs.find((d) => d.id === id);
    return ref ? `${localName(ref, language)} (${ref.code})` : id;
  });
  const num = (value: number | '') => (value === '' ? none : formatNumber(value, language));
  const notice = form.date ? noticeFor(form.date, todayIso()) : null;
  const convener = atus.data?.find((atu) => atu.id === form.convenerAtuId);

  const items: Array<[string, ReactNode]> = [
    [t('wizard.review.districts'), (
      <Stack gap={0}>{names.map((name) => <Text key={name} size="sm">{name}</Text>)}</Stack>
    )],
    [t('wizard.review.setting'), t(`setting.${form.setting}`)],
  ];
  if (form.setting === 'akim_meeting') items.push([t('wizard.setting.convener'), convener ? localName(convener, language) : none]);
  if (form.setting === 'initiative_meeting') {
    const share = initiativeSharePercent(form);
    items.push([t('wizard.setting.members'), num(form.membersCount)]);
    items.push([t('wizard.setting.initiatorsCount'), `${num(form.initiatorsCount)}${share === null ? '' : ` (${formatNumber(share, language)} %)`}`]);
  }
  items.push([t('wizard.place.format'), t(`format.${form.format}`)]);
  if (form.format === 'open_air') items.push([t('wizard.place.weather'), form.weatherConsidered ? t('common.yes') : t('common.no')]);
  if (hasLink(form.format)) items.push([t('wizard.place.link'), form.onlineLink || none]);
  if (hasVenue(form.format)) {
    items.push([t('wizard.place.venueName'), form.venueName || none]);
    items.push([t('wizard.place.venueAddress'), form.venueAddress || none]);
    items.push([t('wizard.place.directions'), form.directions.trim() ? <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{form.directions.trim()}</Text> : none]);
    items.push([t('wizard.place.capacity'), num(form.venueCapacity)]);
  }
  items.push([t('wizard.place.expected'), num(form.expectedParticipants)]);
  items.push([t('wizard.time.date'), form.date ? `${formatDate(form.date, language)}, ${form.startTime}–${form.endTime}` : none]);
  if (notice) items.push([t('meeting.notice.deadline'), formatDate(notice.deadline, language)]);
  if (form.acting.length) items.push([t('wizard.review.acting'), form.acting.length]);

  return <Facts items={items} />;
}
