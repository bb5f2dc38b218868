import { accept, IdentifierCheck, refuse, stripSeparators } from './check-result';

/**
 * ADELI: 9 characters — département (2 digits, or 2A/2B), then 7 digits. Its key
 * algorithm is not public, so only the format is checked; prefer RPPS when a
 * professional has both.
 */
export function checkAdeli(raw: unknown): IdentifierCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('ADELI number is missing');
  const value = stripSeparators(raw).toUpperCase();
  if (value.length !== 9) return refuse(`ADELI number must have 9 characters, got ${value.length}`);
  if (!/^(\d{2}|2[AB])\d{7}$/.test(value))
    return refuse('ADELI number must be 9 digits (2A/2B allowed for Corsica)');
  return accept(value);
}

export const isAdeli = (raw: unknown): boolean => checkAdeli(raw).valid;
