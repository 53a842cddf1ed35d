import type { WorkingCalendar } from '@esep/domain';
import { Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatLongDate, todayIso } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { FieldRefusal, RefusalAlert, refusalOf } from '../meetings/RuleRefusal.tsx';
import { DueDate } from './DueDate.tsx';
import { fetchDecisionExecutions, fetchDecisions, followupKeys, followUpChanged, recordExecution, type Decision, type DecisionExecution } from './followup.api.ts';
import { Facts, OverdueBadge, RecordCard, StatusBadge } from './parts.tsx';

type Executions = Record<string, Pick<DecisionExecution, 'doneOn' | 'note' | 'verifiedAt' | 'verifiedByName'>>;

/** What is recorded of the decisions' execution (R-33), by decision; the same for every reader of the follow-up. */
function useExecutions(meetingId: string) {
  return useQuery({
    queryKey: followupKeys.executions(meetingId),
    queryFn: async ({ signal }): Promise<Executions> =>
      Object.fromEntries((await fetchDecisionExecutions(meetingId, signal)).map((e) => [e.decisionId, e])),
  });
}

function ExecutionForm({ decision, meetingDate }: { decision: Decision; meetingDate: string }) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [doneOn, setDoneOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () => recordExecution(decision.id, { doneOn, note: note.trim() || null }),
    onSuccess: (saved) => {
      queryClient.setQueryData<Executions>(followupKeys.executions(decision.meetingId), (old) => ({ ...old, [decision.id]: saved }));
      followUpChanged(queryClient, decision.meetingId);
      notifyDone(t('decision.saved', { number: decision.number, date: formatLongDate(saved.doneOn ?? doneOn, language) }));
    },
  });
  const refusal = save.isError ? refusalOf(save.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (doneOn) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="decision-execution-form">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="date" label={t('decision.doneOn')} value={doneOn} min={meetingDate} max={todayIso()} required
            onChange={(e) => setDoneOn(e.currentTarget.value)}
            error={tried && !doneOn ? t('common.required') : refusal?.field === 'doneOn' ? <FieldRefusal refusal={refusal} /> : undefined}
            data-testid="decision-done-on" />
          <Textarea label={t('decision.note')} value={note} autosize minRows={1} maxLength={2000} onChange={(e) => setNote(e.currentTarget.value)} data-testid="decision-note" />
        </SimpleGrid>
        {refusal && refusal.field !== 'doneOn' && <RefusalAlert error={save.error} testId="decision-error" />}
        <Group>
          <Button type="submit" variant="default" leftSection={<IconCircleCheck size={16} aria-hidden />} loading={save.isPending} data-testid="decision-done-submit">
            {t('decision.markDone')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** the protocol's decisions, each carried out by its due date and then verified. */
export function DecisionsExecution({ meetingId, meetingDate, editable, calendar }: {
  meetingId: string; meetingDate: string; editable: boolean; calendar: WorkingCalendar | null;
}) {
  const { t } = useTranslation('followup');
  const language = useLanguage();
  const decisions = useQuery({ queryKey: followupKeys.decisions(meetingId), queryFn: ({ signal }) => fetchDecisions(meetingId, signal) });
  const executions = useExecutions(meetingId);
  if (decisions.isPending) return <Text size="sm" role="status">{t('common.loading')}</Text>;
  if (decisions.isError) return <RefusalAlert error={decisions.error} />;
  if (decisions.data.length === 0) return <Text size="sm" c="gray.8" data-testid="decisions-none">{t('decision.none')}</Text>;
  return (
    <Stack gap="sm">
      {executions.isError && <RefusalAlert error={executions.error} testId="decision-executions-error" />}
      <Stack gap="sm" component="ul" className="followup-list" data-testid="decisions">
        {decisions.data.map((d) => {
          const e = executions.data?.[d.id];
          const status = e?.verifiedAt ? 'verified' : e?.doneOn ? 'done' : 'open';
          const overdue = status === 'open' && todayIso() > d.dueDate;
          return (
            <RecordCard key={d.id} title={t('decision.title', { number: d.number })} testId="decision" data={{ 'data-id': d.id, 'data-status': status }}
              badges={<>{overdue && <OverdueBadge />}<StatusBadge status={status} testId="decision-status" /></>}>
              <Stack gap="sm">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{d.text}</Text>
                <Facts>
                  <dt>{t('decision.responsible')}</dt>
                  <dd>{d.responsible}</dd>
                  <dt>{t('decision.dueDate')}</dt>
                  <dd><DueDate dueDate={d.dueDate} closed={status !== 'open'} calendar={calendar} /></dd>
                  {e?.doneOn && (
                    <>
                      <dt>{t('decision.doneOn')}</dt>
                      <dd data-testid="decision-done">{formatDate(e.doneOn, language)}{e.note && <Text size="sm">{e.note}</Text>}</dd>
                    </>
                  )}
                  {e?.verifiedAt && (
                    <>
                      <dt>{t('decision.verified')}</dt>
                      <dd data-testid="decision-verified">{formatDateTime(e.verifiedAt, language)}{e.verifiedByName && <> · {e.verifiedByName}</>}</dd>
                    </>
                  )}
                </Facts>
                {editable && status === 'open' && <ExecutionForm decision={d} meetingDate={meetingDate} />}
              </Stack>
            </RecordCard>
          );
        })}
      </Stack>
    </Stack>
  );
}
