import type { ReactNode } from 'react';
import type { PlanForm } from './plan.ts';

export interface StepProps {
  form: PlanForm;
  set: (changes: Partial<PlanForm>) => void;
  /** A message (with its rule) to show at a field, by field name. */
  errors: Partial<Record<string, ReactNode>>;
}
