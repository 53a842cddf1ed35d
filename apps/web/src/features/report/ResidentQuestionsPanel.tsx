import { Badge, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatLongDateTime } from '../../app/format.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { notifyDone } from '../meetings/notify.ts';
import { ErrorAlert } from '../../app/status.tsx';
import {
  fetchMeetingItems, fetchResidentQuestions, linkResidentQuestion, questionKeys, type MeetingItem, type ResidentQuestion,
} from './questions.api.ts';

const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function QuestionLink({ meetingId, question, items }: { meetingId: string; question: ResidentQuestion; items: readonly MeetingItem[] }) {
  const { t } = useTranslation('report');
  const queryClient = useQueryClient();
  const link = useMutation({
    mutationFn: (itemId: string | null) => linkResidentQuestion(meetingId, question.id, itemId),
    onSuccess: (saved) => {
      queryClient.setQueryData<ResidentQuestion[]>(questionKeys.list(meetingId), (list) => list?.map((q) => (q.id === saved.id ? saved : q)));
      notifyDone(saved.itemNumber != null ? t('residentQuestions.linked', { number: saved.itemNumber }) : t('residentQuestions.unlinked'));
    },
  });
  return (
    <Stack gap={4}>
      <NativeSelect
        label={t('residentQuestions.item')}
        value={question.itemId ?? ''}
        onChange={(e) => link.mutate(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        disabled={link.isPending}
        data={[{ value: '', label: t('residentQuestions.notLinked') }, ...items.map((i) => ({ value: i.id, label: `${i.number} · ${shorten(i.text)}` }))]}
        data-testid="resident-question-item"
      />
      {link.isError && <Text size="sm" c="red.8" role="alert">{link.error.message}</Text>}
    </Stack>
  );
}

/**
 * the questions, complaints and proposals residents sent ahead of this meeting, for the
 * inspector to prepare answers and link each to the item of the meeting that answers it. The
 * author's contact shows only to those who answer (the API leaves it out for others).
 */
export function ResidentQuestionsPanel({ meetingId, editable }: { meetingId: string; editable: boolean }) {
  const { t } = useTranslation('report');
  const language = useLanguage();
  const questions = useQuery({ queryKey: questionKeys.list(meetingId), queryFn: ({ signal }) => fetchResidentQuestions(meetingId, signal) });
  const items = useQuery({ queryKey: questionKeys.items(meetingId), queryFn: ({ signal }) => fetchMeetingItems(meetingId, signal) });
  if (questions.isPending) return <Text size="sm">{t('residentQuestions.loading')}</Text>;
  if (questions.isError) return <ErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />;
  if (questions.data.length === 0) return <Text size="sm" data-testid="resident-questions-empty">{t('residentQuestions.none')}</Text>;
  const itemList = items.data ?? [];
  return (
    <Stack gap="sm" data-testid="resident-questions">
      {editable && items.isSuccess && itemList.length === 0 && <Text size="sm" c="gray.8">{t('residentQuestions.noItems')}</Text>}
      <ul className="plain-list">
        {questions.data.map((q) => (
          <li key={q.id} data-testid="resident-question">
            <Stack gap={6} py={4}>
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" tt="none">{t(`residentQuestions.kind.${q.kind}`)}</Badge>
                <Text size="sm" c="gray.8">{t('residentQuestions.sentAt', { date: formatLongDateTime(q.sentAt, language) })}</Text>
                {!q.attached && <Text size="sm" c="gray.8">· {t('residentQuestions.beforeAnnounced')}</Text>}
              </Group>
              <Text size="sm" className="carry-text">{q.text}</Text>
              {q.hasContact && (
                <Text size="sm">
                  <Text span fw={600}>{t('residentQuestions.contactLeft')}</Text>
                  {q.authorName || q.contact ? `: ${[q.authorName, q.contact].filter(Boolean).join(', ')}` : ''}
                </Text>
              )}
              {editable && itemList.length > 0
                ? <QuestionLink meetingId={meetingId} question={q} items={itemList} />
                : q.itemNumber != null && <Text size="sm"><Text span fw={600}>{t('residentQuestions.item')}:</Text> {q.itemNumber}</Text>}
            </Stack>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
