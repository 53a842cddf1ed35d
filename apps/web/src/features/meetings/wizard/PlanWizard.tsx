import { Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../auth/session.tsx';
import { createMeeting, meetingChanged, updateMeeting } from '../meetings.api.ts';
import { FieldRefusal, RefusalAlert, refusalOf, RuleLink, type Refusal } from '../RuleRefusal.tsx';
import type { MeetingDetail } from '../types.ts';
import { missingOnStep, planBody, stepOfField, STEPS, type Missing, type PlanForm } from './plan.ts';
import { StepDistricts } from './StepDistricts.tsx';
import { StepPlace } from './StepPlace.tsx';
import { StepReview } from './StepReview.tsx';
import { StepSetting } from './StepSetting.tsx';
import { StepTime } from './StepTime.tsx';
import { useMyDistricts } from './wizard.data.ts';
import { wrappingButton } from '../buttons.ts';
import { notifyDone } from '../notify.ts';
import { meetingTitle } from '../../../app/format.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';

/** The planning wizard: districts, setting, format and place, date and time, review. */
export function PlanWizard({ initial, meeting, initialStep = 0 }: { initial: PlanForm; meeting?: MeetingDetail; initialStep?: number }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  const [form, setForm] = useState(initial);
  const [step, setStep] = useState(initialStep);
  const [missing, setMissing] = useState<Missing[]>([]);
  const [refusal, setRefusal] = useState<{ error: unknown; refusal: Refusal } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const mine = useMyDistricts();
  const title = meeting ? t('wizard.editTitle', { title: meetingTitle(meeting, language) }) : t('wizard.title');
  useDocumentTitle(`${title} — Esep`);

  // One district to choose from (an inspector's own): it is the plan's district.
  useEffect(() => {
    const items = mine.data?.items ?? [];
    if (form.districtIds.length === 0 && items.length === 1) setForm((f) => ({ ...f, districtIds: [items[0]!.id] }));
  }, [mine.data]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    heading.current?.focus();
  }, [step]);

  const [vacant, setVacant] = useState<string[]>([]);
  const set = (changes: Partial<PlanForm>) => {
    setForm((f) => ({ ...f, ...changes }));
    setMissing((m) => m.filter((item) => !(item.field in changes)));
    // A change on the step of a refusal answers it; the next attempt asks the server again.
    if (refusal && Object.keys(changes).some((field) => stepOfField(field) === stepOfField(refusal.refusal.field))) setRefusal(null);
  };

  const save = useMutation({
    mutationFn: () => (meeting ? updateMeeting(meeting.id, planBody(form, user.staffId)) : createMeeting(planBody(form, user.staffId))),
    onSuccess: (detail) => {
      meetingChanged(queryClient, detail);
      notifyDone(t(meeting ? 'wizard.saved' : 'wizard.created', { title: meetingTitle(detail, language) }));
      void navigate(`/meetings/${detail.id}`);
    },
    onError: (error) => {
      const r = refusalOf(error);
      setRefusal({ error, refusal: r });
      // a district without an inspector needs an acting one; offer it there.
      if (r.field === 'inspectors' && typeof r.params.districtId === 'string') setVacant((v) => [...v, r.params.districtId as string]);
      setStep(stepOfField(r.field));
    },
  });

  const errors: Partial<Record<string, ReactNode>> = {};
  for (const item of missing) {
    errors[item.field] = <>{t(`wizard.missing.${item.key}`)}{item.rule && <> (<RuleLink rule={item.rule} />)</>}</>;
  }
  if (refusal?.refusal.field && stepOfField(refusal.refusal.field) === step) {
    errors[refusal.refusal.field] = <FieldRefusal refusal={refusal.refusal} />;
  }

  const next = () => {
    const problems = missingOnStep(form, step);
    setMissing(problems);
    if (problems.length === 0) setStep((s) => s + 1);
  };
  const last = step === STEPS.length - 1;
  // Cancel: back where the user came from, or to the meeting or the quarter board.
  const leave = () => {
    if ((window.history.state as { idx?: number } | null)?.idx) void navigate(-1);
    else void navigate(meeting ? `/meetings/${meeting.id}` : '/board');
  };
  const props = { form, set, errors };

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{title}</Title>
      {form.practice && <Text size="sm" data-testid="practice-note">{t('practice.note')}</Text>}
      <Stepper
        active={step}
        onStepClick={(s) => s < step && setStep(s)}
        allowNextStepsSelect={false}
        size={narrow ? 'sm' : 'md'}
        styles={narrow ? { stepBody: { display: 'none' }, separator: { marginInline: 4 } } : undefined}
      >
        {STEPS.map((s, i) => (
          <Stepper.Step key={s} data-testid={`wizard-step-${s}`} label={t(`wizard.steps.${s}`)} aria-label={narrow ? t('wizard.stepOf', { step: i + 1, total: STEPS.length, name: t(`wizard.steps.${s}`) }) : undefined} />
        ))}
      </Stepper>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="wizard-step-title">
        <Stack gap="md">
          <div>
            <Text size="sm" c="gray.8">{t('wizard.stepCount', { step: step + 1, total: STEPS.length })}</Text>
            <Title order={2} size="h3" id="wizard-step-title" ref={heading} tabIndex={-1}>{t(`wizard.steps.${STEPS[step]!}`)}</Title>
          </div>
          {refusal && stepOfField(refusal.refusal.field) === step && (
            <RefusalAlert error={refusal.error} testId="wizard-error" title={t('wizard.refused')} />
          )}
          {step === 0 && <StepDistricts {...props} vacant={vacant} />}
          {step === 1 && <StepSetting {...props} />}
          {step === 2 && <StepPlace {...props} />}
          {step === 3 && <StepTime {...props} />}
          {step === 4 && <StepReview form={form} />}
        </Stack>
      </Paper>
      <Group justify="space-between" gap="sm" grow={narrow}>
        <Button
          size="md"
          styles={wrappingButton}
          variant="default"
          leftSection={<IconArrowLeft size={18} aria-hidden />}
          onClick={() => (step > 0 ? setStep((s) => s - 1) : leave())}
          data-testid="wizard-back"
        >
          {step === 0 ? t('common.cancel') : t('wizard.back')}
        </Button>
        {last ? (
          <Button size="md" styles={wrappingButton} leftSection={<IconCheck size={18} aria-hidden />} loading={save.isPending} onClick={() => save.mutate()} data-testid="wizard-submit">
            {meeting ? t('wizard.save') : t('wizard.create')}
          </Button>
        ) : (
          <Button size="md" styles={wrappingButton} rightSection={<IconArrowRight size={18} aria-hidden />} onClick={next} data-testid="wizard-next">
            {t('wizard.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
