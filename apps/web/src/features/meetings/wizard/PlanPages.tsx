import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../app/api.ts';
import { ErrorAlert, MessagePage, PageLoader } from '../../../app/status.tsx';
import { fetchMeeting, meetingKeys } from '../meetings.api.ts';
import { emptyPlan, planFromDetail } from './plan.ts';
import { PlanWizard } from './PlanWizard.tsx';

/** `/meetings/new?district=<id>` — plan a meeting, starting from a district. */
export function NewMeetingPage() {
  const [search] = useSearchParams();
  const district = search.get('district') ?? undefined;
  return <PlanWizard key={district ?? ''} initial={emptyPlan(district)} />;
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
