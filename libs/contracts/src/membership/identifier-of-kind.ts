import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { checkAdeli, checkRpps } from '@maillage/identifiers';

/**
 * Checks `identifierValue` by the `identifierKind` beside it: an RPPS with its
 * Luhn key, an ADELI of 9 characters, nothing for NONE. The message is the
 * checker's own reason ("RPPS key digit is wrong").
 */
export function IsIdentifierOfKind(
  kindProperty = 'identifierKind',
  options?: ValidationOptions,
): PropertyDecorator {
  const reasonOf = (value: unknown, kind: unknown): string | undefined => {
    if (kind === 'RPPS') {
      const check = checkRpps(value);
      return check.valid ? undefined : check.reason;
    }
    if (kind === 'ADELI') {
      const check = checkAdeli(value);
      return check.valid ? undefined : check.reason;
    }
    if (kind === 'NONE')
      return value === undefined || value === null || value === ''
        ? undefined
        : 'no identifier value expected when the kind is NONE';
    return undefined; // the kind itself is refused by its own rule
  };
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIdentifierOfKind',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          reasonOf(args.value, (args.object as Record<string, unknown>)[kindProperty]) ??
          `${args.property} is invalid`,
        ...options,
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          reasonOf(value, (args.object as Record<string, unknown>)[kindProperty]) === undefined,
      },
    });
  };
}
