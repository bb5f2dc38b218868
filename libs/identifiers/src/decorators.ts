import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { checkAdeli } from './adeli';
import { IdentifierCheck } from './check-result';
import { checkFiness } from './finess';
import { checkInseeCommune, InseeCommuneCheckOptions } from './insee-commune';
import { checkRpps } from './rpps';
import { checkSiren, checkSiret } from './siren-siret';

// Each decorator reports the checker's own reason as the message, so a form
// shows "RPPS key digit is wrong" rather than a generic "invalid".
function identifierDecorator(
  name: string,
  check: (value: unknown) => IdentifierCheck,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => reasonOf(check, args.value, args.property),
        ...options,
      },
      validator: { validate: (value: unknown) => check(value).valid },
    });
  };
}

// With `{ each: true }` class-validator hands the whole array to the message.
function reasonOf(
  check: (value: unknown) => IdentifierCheck,
  value: unknown,
  property: string,
): string {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  for (const [i, item] of values.entries()) {
    const result = check(item);
    if (!result.valid)
      return Array.isArray(value) ? `${property}[${i}]: ${result.reason}` : result.reason;
  }
  return `${property} is invalid`;
}

export const IsRpps = (options?: ValidationOptions): PropertyDecorator =>
  identifierDecorator('isRpps', checkRpps, options);
export const IsAdeli = (options?: ValidationOptions): PropertyDecorator =>
  identifierDecorator('isAdeli', checkAdeli, options);
export const IsFiness = (options?: ValidationOptions): PropertyDecorator =>
  identifierDecorator('isFiness', checkFiness, options);
export const IsSiren = (options?: ValidationOptions): PropertyDecorator =>
  identifierDecorator('isSiren', checkSiren, options);
export const IsSiret = (options?: ValidationOptions): PropertyDecorator =>
  identifierDecorator('isSiret', checkSiret, options);
export const IsInseeCommune = (
  check: InseeCommuneCheckOptions = {},
  options?: ValidationOptions,
): PropertyDecorator =>
  identifierDecorator('isInseeCommune', (value) => checkInseeCommune(value, check), options);
