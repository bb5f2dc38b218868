import { accept, IdentifierCheck, refuse, stripSeparators } from './check-result';
import { isLuhnValid } from './luhn';

/**
 * FINESS: 9 alphanumeric characters (official schema); the last is a Luhn key
 * computed after replacing Corsica's 2A by 21 and 2B by 22. Spaces are accepted
 * on input ("01 000 382 0") and removed from the stored value.
 */
export function checkFiness(raw: unknown): IdentifierCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('FINESS number is missing');
  const value = stripSeparators(raw).toUpperCase();
  if (!/^[A-Z0-9]+$/.test(value))
    return refuse('FINESS number must contain letters and digits only');
  if (value.length !== 9)
    return refuse(`FINESS number must have 9 characters, got ${value.length}`);
  const digits = value.replace(/^2A/, '21').replace(/^2B/, '22');
  if (!/^\d{9}$/.test(digits))
    return refuse('FINESS number may only contain letters in a 2A/2B (Corsica) prefix');
  if (!isLuhnValid(digits)) return refuse('FINESS key digit is wrong');
  return accept(value);
}

export const isFiness = (raw: unknown): boolean => checkFiness(raw).valid;
