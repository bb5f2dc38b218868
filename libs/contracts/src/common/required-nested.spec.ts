import { getMetadataStorage, ValidationTypes } from 'class-validator';
import * as contracts from '../index';
import { validatePlain } from './contract';

/**
 * class-validator's @ValidateNested lets an absent value through: a required
 * nested object (a member's availability, a session's place) needs a decorator
 * of its own that refuses `undefined`, or a handler meets `undefined` where
 * its type promised an object. This walks every exported contract class and
 * checks each required nested property is refused when missing.
 */
describe('required nested properties of every contract', () => {
  const storage = getMetadataStorage();
  const classes = Object.values(contracts).filter(
    (value): value is new () => object => typeof value === 'function' && /^[A-Z]/.test(value.name),
  );

  const requiredNested = classes.flatMap((target) => {
    const metadata = storage.getTargetValidationMetadatas(target, '', true, false);
    const nested = new Set(
      metadata
        .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION)
        .map((m) => m.propertyName),
    );
    const optional = new Set(
      metadata
        .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((m) => m.propertyName),
    );
    return [...nested].filter((p) => !optional.has(p)).map((property) => ({ target, property }));
  });

  it('finds the nested properties to check', () => {
    expect(requiredNested.length).toBeGreaterThanOrEqual(10);
  });

  it.each(requiredNested.map((r) => [`${r.target.name}.${r.property}`, r] as const))(
    '%s is refused when absent',
    (_name, { target, property }) => {
      const result = validatePlain(target, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.field)).toContain(property);
    },
  );
});
