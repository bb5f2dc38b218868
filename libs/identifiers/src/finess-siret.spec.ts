import { checkFiness, isFiness } from './finess';
import { luhnKey } from './luhn';
import { checkSiren, checkSiret, isSiren, isSiret } from './siren-siret';

describe('FINESS', () => {
  it.each(['010003820', '010003812'])('accepts %s', (v) => {
    expect(checkFiness(v)).toEqual({ valid: true, value: v });
  });
  it('accepts spaces on input and stores without', () => {
    expect(checkFiness('01 000 382 0')).toEqual({ valid: true, value: '010003820' });
  });
  it('refuses a wrong key', () => {
    expect(checkFiness('010003821')).toEqual({ valid: false, reason: 'FINESS key digit is wrong' });
  });
  it('computes the Corsica key after 2A→21 and 2B→22', () => {
    const keyA = luhnKey('21000012');
    const keyB = luhnKey('22000012');
    expect(checkFiness(`2a000012${keyA}`)).toEqual({ valid: true, value: `2A000012${keyA}` });
    expect(isFiness(`2B000012${keyB}`)).toBe(true);
    expect(isFiness(`2A000012${(Number(keyA) + 1) % 10}`)).toBe(false);
  });
  it.each([
    ['01000382', 'FINESS number must have 9 characters, got 8'],
    ['01000382_', 'FINESS number must contain letters and digits only'],
    ['0X0003820', 'FINESS number may only contain letters in a 2A/2B (Corsica) prefix'],
    ['', 'FINESS number is missing'],
  ])('refuses %s', (v, reason) => {
    expect(checkFiness(v)).toEqual({ valid: false, reason });
  });
});

describe('SIREN / SIRET', () => {
  it('accepts the test values', () => {
    expect(checkSiren('732 829 320')).toEqual({ valid: true, value: '732829320' });
    expect(checkSiret('732 829 320 00074')).toEqual({ valid: true, value: '73282932000074' });
  });
  it('refuses wrong keys', () => {
    expect(checkSiren('732829321')).toEqual({ valid: false, reason: 'SIREN key digit is wrong' });
    expect(checkSiret('73282932000075')).toEqual({
      valid: false,
      reason: 'SIRET key digit is wrong',
    });
  });
  it('refuses a SIRET whose SIREN part is wrong even if the whole passes Luhn', () => {
    // 73282932100064: SIREN 732829321 fails, the 14 digits pass Luhn.
    expect(checkSiret('73282932100064')).toEqual({
      valid: false,
      reason: 'SIREN part of the SIRET is wrong (key digit)',
    });
  });
  it('accepts the La Poste head office 35600000000048 by Luhn', () => {
    expect(isSiret('35600000000048')).toBe(true);
  });
  it('accepts La Poste establishments whose digit sum is divisible by 5, though they fail Luhn', () => {
    expect(isSiret('35600000052135')).toBe(true);
    expect(isSiret('35600000049350')).toBe(true);
  });
  it('refuses La Poste establishments whose digit sum is not divisible by 5', () => {
    expect(checkSiret('35600000052136')).toEqual({
      valid: false,
      reason: 'SIRET of a La Poste establishment must have a digit sum divisible by 5',
    });
  });
  it.each([
    ['7328293200007', 'SIRET number must have 14 digits, got 13'],
    ['7328293200007A', 'SIRET number must contain digits only'],
    [undefined, 'SIRET number is missing'],
  ])('refuses %p', (v, reason) => {
    expect(checkSiret(v)).toEqual({ valid: false, reason });
  });
  it('checks SIREN length', () => {
    expect(isSiren('73282932')).toBe(false);
    expect(isSiren('35600000')).toBe(false);
    expect(isSiren('356000000')).toBe(true);
  });
});
