import { Button } from '@mantine/core';
import { IconClockEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../../auth/session.tsx';
import { wrappingButton } from '../buttons.ts';
import { LATE_ENTRY_ROLES } from '../roles.ts';

/** "Record a meeting held without Esep", for those who hold meetings (the server checks again). */
export function LateEntryButton({ districtId }: { districtId?: string }) {
  const { t } = useTranslation('late');
  const user = useCurrentUser();
  if (!hasRole(user, LATE_ENTRY_ROLES)) return null;
  return (
    <Button component={Link} to={`/meetings/late-entry${districtId ? `?district=${districtId}` : ''}`} size="md" variant="default" styles={wrappingButton}
      leftSection={<IconClockEdit size={18} aria-hidden />} data-testid="late-entry-new">
      {t('entry.button')}
    </Button>
  );
}
