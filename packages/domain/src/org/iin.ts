/**
 * The IIN (individual identification number) of Kazakhstan: 12 digits, the last a check digit.
 * Esep keeps a staff member's IIN only to bind a qualified signature of the protocol to him
 * the protocol is signed by the reporting inspectors; the NCA certificate names its
 * holder by IIN in the subject's serialNumber, "IIN…").
 *
 * Check digit: the sum of the first 11 digits weighted 1…11, modulo 11; when that is 10, again
 * with the weights 3…11, 1, 2; a second 10 means the number is not issued.
 */
const FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

/** The check digit of the first 11 digits, or null when no 12th digit can complete them. */
export function iinCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const digits = [...first11].map(Number);
  const sum = (weights: readonly number[]) => digits.reduce((total, d, i) => total + d * weights[i]!, 0) % 11;
  const first = sum(FIRST);
  if (first !== 10) return first;
  const second = sum(SECOND);
  return second === 10 ? null : second;
}

export function isValidIin(value: string): boolean {
  return /^\d{12}$/.test(value) && iinCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

/** Shown in audit entries and on screens instead of the number: the last four digits. */
export function maskIin(value: string): string {
  return `••••••••${value.slice(-4)}`;
}
