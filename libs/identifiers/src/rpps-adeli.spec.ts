import { checkAdeli, isAdeli } from './adeli';
import { checkRpps, isRpps, rppsFromBody } from './rpps';

describe('RPPS', () => {
  it.each(['10005173140', '99700218896'])('accepts the ANS test value %s', (v) => {
    expect(checkRpps(v)).toEqual({ valid: true, value: v });
  });
  it('refuses the FR Core FHIR example 10101201234 (fails Luhn)', () => {
    expect(checkRpps('10101201234')).toEqual({ valid: false, reason: 'RPPS key digit is wrong' });
  });
  it('normalises spaces typed inside the number', () => {
    expect(checkRpps(' 100 0517 3140 ')).toEqual({ valid: true, value: '10005173140' });
  });
  it.each([
    ['1000517314', 'RPPS number must have 11 digits, got 10'],
    ['100051731400', 'RPPS number must have 11 digits, got 12'],
    ['1000517314A', 'RPPS number must contain digits only'],
    ['', 'RPPS number is missing'],
  ])('refuses %s with a readable reason', (v, reason) => {
    expect(checkRpps(v)).toEqual({ valid: false, reason });
  });
  it('refuses non-strings', () => {
    expect(isRpps(10005173140)).toBe(false);
    expect(isRpps(undefined)).toBe(false);
  });
  it('builds valid numbers from a 10-digit body', () => {
    expect(rppsFromBody('1000517314')).toBe('10005173140');
    expect(isRpps(rppsFromBody('1234567890'))).toBe(true);
    expect(() => rppsFromBody('123')).toThrow();
  });
});

describe('ADELI', () => {
  it.each(['261234567', '2A1234567', '751012345'])('accepts the format %s', (v) => {
    expect(isAdeli(v)).toBe(true);
  });
  it('uppercases Corsica and strips spaces', () => {
    expect(checkAdeli('2b 123 4567')).toEqual({ valid: true, value: '2B1234567' });
  });
  it.each([
    ['26123456', 'ADELI number must have 9 characters, got 8'],
    ['10005173140', 'ADELI number must have 9 characters, got 11'],
    ['2C1234567', 'ADELI number must be 9 digits (2A/2B allowed for Corsica)'],
    ['26A234567', 'ADELI number must be 9 digits (2A/2B allowed for Corsica)'],
    ['  ', 'ADELI number is missing'],
  ])('refuses %s', (v, reason) => {
    expect(checkAdeli(v)).toEqual({ valid: false, reason });
  });
});
