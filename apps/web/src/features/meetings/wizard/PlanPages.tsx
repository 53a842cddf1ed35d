import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../../app/status.tsx';
import { fetchMeeting, meetingKeys } from '../meetings.api.ts';
import { emptyPlan, planFromDetail, planFromLast, practicePlan, STEPS } from './plan.ts';
import { fetchMeetings } from '../meetings.api.ts';
import { todayIso } from '../../../app/format.ts';
import { useMyDistricts } from './wizard.data.ts';
import { PlanWizard } from './PlanWizard.tsx';

/**
 * `/meetings/new?district=<id>` — plan a meeting, starting from a district. Issue 14: when the
 * district had a meeting, the plan starts from it (place, setting, hours, the same weekday) and
 * opens on the review, so planning is one tap; `practice=1` plans a practice meeting now.
 */
export function NewMeetingPage() {
  const [search] = useSearchParams();
  const mine = useMyDistricts();
  const only = mine.data?.items.length === 1 ? mine.data.items[0]!.id : undefined;
  const district = search.get('district') ?? only;
  const practice = search.get('practice') === '1';
  const last = useQuery({
    queryKey: ['meetings', 'last', district],
    queryFn: async ({ signal }) => {
      const page = await fetchMeetings({ districtId: district!, sort: '-startsAt', pageSize: 5 }, signal);
      const previous = page.items.find((m) => m.status !== 'cancelled' && !m.practice) ?? page.items[0];
      return previous ? fetchMeeting(previous.id, signal) : null;
    },
    enabled: Boolean(district),
    staleTime: 60_000,
  });
  if (mine.isPending || (district && last.isPending)) return <PageLoader />;
  const base = last.data ? { ...planFromLast(last.data, todayIso()), districtIds: [district!] } : emptyPlan(district);
  if (practice) return <PlanWizard key={`practice-${district ?? ''}`} initial={practicePlan(base, new Date())} initialStep={STEPS.length - 1} />;
  return <PlanWizard key={district ?? ''} initial={base} initialStep={last.data ? STEPS.length - 1 : 0} />;
}

/** `/meetings/:id/edit` — change the plan of a draft or scheduled meeting. */
export function EditMeetingPage() {
  const { t } = useTranslation('meetings');
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: meetingKeys.detail(id), queryFn: ({ signal }) => fetchMeeting(id, signal) });
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, 404) || isApiError(query.error, 400)) return <MessagePage title={t('meeting.notFoundTitle')} text={t('meeting.notFoundText')} />;
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!query.data.abilities.update || !['draft', 'scheduled'].includes(query.data.status)) {
    return <MessagePage title={t('wizard.cannotEditTitle')} text={t('wizard.cannotEditText')} />;
  }
  return <PlanWizard key={query.data.id} initial={planFromDetail(query.data)} meeting={query.data} />;
}
