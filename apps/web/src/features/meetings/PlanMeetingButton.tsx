import { Button } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.tsx';
import { wrappingButton } from './buttons.ts';
import { PLANNER_ROLES } from './roles.ts';

/** "Plan a meeting" for a district, for those who plan meetings. */
export function PlanMeetingButton({ districtId }: { districtId: string }) {
  const { t } = useTranslation('meetings');
  const user = useCurrentUser();
  if (!hasRole(user, PLANNER_ROLES)) return null;
  return (
    <Button component={Link} to={`/meetings/new?district=${districtId}`} size="md" styles={wrappingButton} leftSection={<IconCalendarPlus size={18} aria-hidden />}
      data-testid="plan-meeting" style={{ alignSelf: 'flex-start' }}>
      {t('district.plan')}
    </Button>
  );
}
