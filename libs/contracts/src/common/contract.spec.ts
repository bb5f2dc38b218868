import { IsInt } from 'class-validator';
import { validatePlain } from './contract';

class EmptyQuery {}
class Counted {
  @IsInt() count!: number;
}

describe('validatePlain', () => {
  it('accepts an empty object for a class with no rules and refuses any property on it', () => {
    expect(validatePlain(EmptyQuery, {})).toEqual({ ok: true, value: expect.any(EmptyQuery) });
    expect(validatePlain(EmptyQuery, { extra: 1 })).toEqual({
      ok: false,
      errors: [{ field: 'extra', reason: 'property extra should not exist' }],
    });
  });

  it('names the field and the reason of a wrong value, and refuses what is not an object', () => {
    expect(validatePlain(Counted, { count: 'x' })).toEqual({
      ok: false,
      errors: [{ field: 'count', reason: 'count must be an integer number' }],
    });
    expect(validatePlain(Counted, [1])).toEqual({
      ok: false,
      errors: [{ field: '(root)', reason: 'must be an object' }],
    });
    expect(validatePlain(Counted, null).ok).toBe(false);
  });
});
