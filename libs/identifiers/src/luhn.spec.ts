import { isLuhnValid, luhnKey } from './luhn';

describe('Luhn', () => {
  it.each(['10005173140', '99700218896', '732829320', '010003820', '79927398713'])(
    'accepts %s',
    (v) => {
      expect(isLuhnValid(v)).toBe(true);
    },
  );
  it.each(['10101201234', '79927398710', '732829321', '', '12a4'])('refuses %s', (v) => {
    expect(isLuhnValid(v)).toBe(false);
  });
  it('computes the key that makes a body valid', () => {
    expect(luhnKey('1000517314')).toBe('0');
    expect(luhnKey('9970021889')).toBe('6');
    expect(luhnKey('7992739871')).toBe('3');
    expect(luhnKey('1010120123')).not.toBe('4');
  });
  it('every computed key passes the check', () => {
    for (let n = 0; n < 500; n++) {
      const body = String(1_000_000_000 + n * 7919);
      expect(isLuhnValid(body + luhnKey(body))).toBe(true);
      const wrong = (Number(luhnKey(body)) + 1) % 10;
      expect(isLuhnValid(body + String(wrong))).toBe(false);
    }
  });
  it('refuses a body that is not digits', () => {
    expect(() => luhnKey('12x')).toThrow();
  });
});
