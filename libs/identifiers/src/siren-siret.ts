import { accept, IdentifierCheck, refuse, stripSeparators } from './check-result';
import { isLuhnValid } from './luhn';

/** La Poste's establishments are numbered past what Luhn allows (INSEE rule). */
export const LA_POSTE_SIREN = '356000000';
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

export function checkSiren(raw: unknown): IdentifierCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('SIREN number is missing');
  const value = stripSeparators(raw);
  if (!/^\d+$/.test(value)) return refuse('SIREN number must contain digits only');
  if (value.length !== 9) return refuse(`SIREN number must have 9 digits, got ${value.length}`);
  if (!isLuhnValid(value)) return refuse('SIREN key digit is wrong');
  return accept(value);
}

export function checkSiret(raw: unknown): IdentifierCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('SIRET number is missing');
  const value = stripSeparators(raw);
  if (!/^\d+$/.test(value)) return refuse('SIRET number must contain digits only');
  if (value.length !== 14) return refuse(`SIRET number must have 14 digits, got ${value.length}`);
  if (value.startsWith(LA_POSTE_SIREN) && value !== LA_POSTE_HEAD_OFFICE_SIRET) {
    // La Poste: digit sum divisible by 5 instead of Luhn for every establishment but the head office.
    const sum = [...value].reduce((s, c) => s + Number(c), 0);
    return sum % 5 === 0
      ? accept(value)
      : refuse('SIRET of a La Poste establishment must have a digit sum divisible by 5');
  }
  if (!isLuhnValid(value.slice(0, 9)))
    return refuse('SIREN part of the SIRET is wrong (key digit)');
  if (!isLuhnValid(value)) return refuse('SIRET key digit is wrong');
  return accept(value);
}

export const isSiren = (raw: unknown): boolean => checkSiren(raw).valid;
export const isSiret = (raw: unknown): boolean => checkSiret(raw).valid;
