import { isValidIin } from '@esep/domain';

/** What the IIN field holds: nothing yet, too few digits, a wrong check digit, or a number to send. */
export type IinInputState = 'empty' | 'incomplete' | 'invalid' | 'valid';

/** Only digits, at most 12: a letter or a space typed by mistake does not reach the field. */
export function iinDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, 12);
}

/** checked before sending with the same check digit the server uses (`isValidIin`). */
export function iinInputState(value: string): IinInputState {
  if (value === '') return 'empty';
  if (!/^\d{12}$/.test(value)) return 'incomplete';
  return isValidIin(value) ? 'valid' : 'invalid';
}
