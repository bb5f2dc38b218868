import { accept, IdentifierCheck, refuse, stripSeparators } from './check-result';
import { isLuhnValid, luhnKey } from './luhn';

/** RPPS: 11 digits, the last a Luhn key (ANS directory FAQ). Spaces are tolerated on input. */
export function checkRpps(raw: unknown): IdentifierCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('RPPS number is missing');
  const value = stripSeparators(raw);
  if (!/^\d+$/.test(value)) return refuse('RPPS number must contain digits only');
  if (value.length !== 11) return refuse(`RPPS number must have 11 digits, got ${value.length}`);
  if (!isLuhnValid(value)) return refuse('RPPS key digit is wrong');
  return accept(value);
}

export const isRpps = (raw: unknown): boolean => checkRpps(raw).valid;

/** Builds a valid RPPS from its first 10 digits (demo data, fixtures). */
export function rppsFromBody(body: string): string {
  if (!/^\d{10}$/.test(body)) throw new Error(`an RPPS body has 10 digits, got "${body}"`);
  return body + luhnKey(body);
}
