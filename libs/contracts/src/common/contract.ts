import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** A field the sender got wrong, named by its path (`communes[2]`). */
export interface FieldError {
  field: string;
  reason: string;
}

export interface EventContract<P extends object = object> {
  readonly kind: 'event';
  readonly subject: string;
  readonly version: number;
  readonly payload: ClassConstructor<P>;
}

export interface RequestContract<Q extends object = object, R = unknown> {
  readonly kind: 'request';
  readonly subject: string;
  readonly version: number;
  readonly request: ClassConstructor<Q>;
  /** Replies are produced by our own services; typed, not re-validated. */
  readonly reply?: R;
}

const versionOf = (subject: string): number => {
  const match = /\.v(\d+)$/.exec(subject);
  if (!match) throw new Error(`subject ${subject} must end with its version (.v1)`);
  return Number(match[1]);
};

const eventRegistry = new Map<string, EventContract>();
const requestRegistry = new Map<string, RequestContract>();

export function defineEvent<P extends object>(
  subject: string,
  payload: ClassConstructor<P>,
): EventContract<P> {
  if (eventRegistry.has(subject)) throw new Error(`event ${subject} defined twice`);
  const contract: EventContract<P> = {
    kind: 'event',
    subject,
    version: versionOf(subject),
    payload,
  };
  eventRegistry.set(subject, contract as EventContract);
  return contract;
}

export function defineRequest<Q extends object, R>(
  subject: string,
  request: ClassConstructor<Q>,
): RequestContract<Q, R> {
  if (requestRegistry.has(subject)) throw new Error(`request ${subject} defined twice`);
  const contract: RequestContract<Q, R> = {
    kind: 'request',
    subject,
    version: versionOf(subject),
    request,
  };
  requestRegistry.set(subject, contract as RequestContract);
  return contract;
}

export const findEventContract = (subject: string): EventContract | undefined =>
  eventRegistry.get(subject);
export const findRequestContract = (subject: string): RequestContract | undefined =>
  requestRegistry.get(subject);
export const allEventContracts = (): EventContract[] => [...eventRegistry.values()];
export const allRequestContracts = (): RequestContract[] => [...requestRegistry.values()];

/** Flattens class-validator's tree into `field: reason` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent
      ? isIndex
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ field, reason });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Turns untrusted plain data into a validated instance. Unknown properties are
 * refused: a sender that adds a field must publish a new version.
 */
export function validatePlain<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
): Validated<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '(root)', reason: 'must be an object' }] };
  }
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  // the value is always an instance of the contract class (root checked above); a class with
  // no rules (an empty query) is valid, and forbidNonWhitelisted still refuses any property
  const errors = validateSync(value as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
  });
  return errors.length
    ? { ok: false, errors: flattenValidationErrors(errors) }
    : { ok: true, value };
}
