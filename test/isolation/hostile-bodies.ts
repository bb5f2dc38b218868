import fc from 'fast-check';
import { JsonSchema } from './openapi-routes';

/** What a hostile request sends: a JSON value, or raw text (keys JSON.stringify would not write). */
export interface HostileBody {
  kind: string;
  /** the exact text sent as application/json */
  text: string;
}

const typeOf = (schema: JsonSchema): string =>
  schema.enum ? 'enum' : (schema.type ?? (schema.properties ? 'object' : 'any'));

/** A value with the JSON type the schema names, random content (enums picked from the list). */
export function shaped(
  schema: JsonSchema,
  strings: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<unknown> {
  switch (typeOf(schema)) {
    case 'enum':
      return fc.constantFrom(...(schema.enum as unknown[]));
    case 'string':
      return strings;
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'integer':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(shaped(schema.items ?? {}, strings, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4 || !schema.properties) return fc.constant({});
      const model = Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, shaped(v, strings, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of any JSON type but the one the schema names. */
export function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const string = fc.string({ maxLength: 12 });
  const object = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), {
    minKeys: 1,
    maxKeys: 3,
  });
  const array = fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 1, maxLength: 3 });
  switch (typeOf(schema)) {
    case 'enum':
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), array, object);
    case 'number':
    case 'integer':
      return fc.oneof(
        string.map((s) => `${s.length}${s}`),
        fc.boolean(),
        array,
        object,
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 'yes', '1'), fc.integer(), array, object);
    case 'array':
      return fc.oneof(string, fc.integer(), object);
    case 'object':
      return fc.oneof(string, fc.integer(), fc.boolean(), array);
    default:
      return fc.constant(undefined);
  }
}

const unknownKey = (schema: JsonSchema): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.constantFrom('tenantId', 'id', 'role', 'isAdmin', 'version', '$where', 'operator', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'),
    )
    .filter((key) => !(key in (schema.properties ?? {})));

/** Splices `"key": value` into the text of a JSON object (keys such as __proto__ survive only as text). */
const withRawKey = (objectText: string, key: string, valueText: string): string =>
  objectText === '{}'
    ? `{${JSON.stringify(key)}:${valueText}}`
    : `{${JSON.stringify(key)}:${valueText},${objectText.slice(1)}`;

const nested = (depth: number, open: string, close: string, leaf: string): string =>
  open.repeat(depth) + leaf + close.repeat(depth);

/**
 * Hostile bodies for a route whose body follows `schema`: each is refused by a
 * correct gateway (400, or 413 when too large) and must write nothing.
 */
export function hostileBodies(schema: JsonSchema): fc.Arbitrary<HostileBody> {
  const properties = Object.entries(schema.properties ?? {});
  const small = fc.string({ maxLength: 16 });
  const base = shaped(schema, small).map((v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {},
  );
  const json =
    (kind: string) =>
    (value: unknown): HostileBody => ({ kind, text: JSON.stringify(value) });

  const notAnObject = fc
    .oneof(
      fc.array(base, { maxLength: 3 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    )
    .map(json('not an object'));

  const wrongTypes =
    properties.length === 0
      ? unknownKey(schema).map((key) => ({
          kind: 'unknown property',
          text: JSON.stringify({ [key]: 1 }),
        }))
      : fc.tuple(base, fc.subarray(properties, { minLength: 1 })).chain(([body, chosen]) =>
          fc
            .tuple(
              ...chosen.map(([key, property]) =>
                wrongType(property).map((value) => [key, value] as const),
              ),
            )
            .map((pairs) => {
              const out: Record<string, unknown> = { ...body };
              for (const [key, value] of pairs) out[key] = value;
              return {
                kind: `wrong type of ${pairs.map(([k]) => k).join(', ')}`,
                text: JSON.stringify(out),
              };
            }),
        );

  const extraProperty = fc
    .tuple(base, unknownKey(schema), fc.jsonValue({ maxDepth: 2 }))
    .map(([body, key, value]) => ({
      kind: `unknown property ${JSON.stringify(key)}`,
      text: withRawKey(JSON.stringify(body), key, JSON.stringify(value ?? null)),
    }));

  // an unknown key inside a nested object the schema describes
  const objectProperties = properties.filter(([, p]) => typeOf(p) === 'object' && p.properties);
  const nestedExtra =
    objectProperties.length === 0
      ? extraProperty
      : fc
          .tuple(
            base,
            fc.constantFrom(...objectProperties),
            fc.string({ minLength: 1, maxLength: 10 }),
          )
          .chain(([body, [key, property], extra]) =>
            shaped(property, small).map((inner) => {
              const innerObject = { ...(inner as object), [`${extra}_x`]: true };
              return {
                kind: `unknown property inside ${key}`,
                text: JSON.stringify({ ...body, [key]: innerObject }),
              };
            }),
          );

  const pollution = fc
    .tuple(base, fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean())
    .map(([body, key, deep]) => {
      const payload =
        key === 'constructor'
          ? '{"prototype":{"polluted":"yes","isAdmin":true}}'
          : '{"polluted":"yes","isAdmin":true,"tenantId":"cpts-b"}';
      const objectProperty = objectProperties[0]?.[0];
      if (deep && objectProperty) {
        const inner = withRawKey(
          JSON.stringify((body as Record<string, unknown>)[objectProperty] ?? {}),
          key,
          payload,
        );
        const rest = { ...body };
        delete rest[objectProperty];
        return {
          kind: `${key} inside ${objectProperty}`,
          text: withRawKey(JSON.stringify(rest), objectProperty, inner),
        };
      }
      return { kind: `${key} key`, text: withRawKey(JSON.stringify(body), key, payload) };
    });

  const stringProperties = properties.filter(([, p]) => typeOf(p) === 'string');
  const huge = fc
    .integer({ min: 20_000, max: 120_000 })
    .chain((length) =>
      fc
        .constantFrom('x', 'é', '\u0000', '𝕏', '<script>', "'; DROP TABLE members; --")
        .map((unit) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
    );
  const hugeStrings =
    stringProperties.length === 0
      ? fc
          .tuple(base, unknownKey(schema), huge)
          .map(([body, key, text]) => ({
            kind: 'huge unknown property',
            text: JSON.stringify({ ...body, [key]: text }),
          }))
      : fc
          .tuple(base, fc.constantFrom(...stringProperties), huge)
          .map(([body, [key], text]) => ({
            kind: `huge ${key}`,
            text: JSON.stringify({ ...body, [key]: text }),
          }));

  const deep = fc
    .tuple(
      base,
      fc.integer({ min: 64, max: 20_000 }),
      fc.boolean(),
      fc.constantFrom(...(properties.length ? properties.map(([k]) => k) : ['x'])),
    )
    .map(([body, depth, arrays, key]) => {
      const value = arrays ? nested(depth, '[', ']', '1') : nested(depth, '{"a":', '}', '1');
      return {
        kind: `nested ${depth} deep in ${key}`,
        text: withRawKey(JSON.stringify({ ...body, [key]: undefined }), key, value),
      };
    });

  return fc
    .oneof(notAnObject, wrongTypes, extraProperty, nestedExtra, pollution, hugeStrings, deep)
    .map(printable);
}

/** A body over the gateway's 256 kB limit: refused with 413 before anything reads it. */
export const oversizedBodies: fc.Arbitrary<HostileBody> = fc
  .tuple(fc.integer({ min: 270_000, max: 1_500_000 }), fc.boolean())
  .map(([size, array]) => ({
    kind: `oversized ${size} B`,
    text: array ? `[${'1,'.repeat(size / 2)}1]` : JSON.stringify({ lastName: 'x'.repeat(size) }),
  }))
  .map(printable);

/** fast-check prints a counterexample by its kind and the start of its text, not 300 kB of it. */
function printable(body: HostileBody): HostileBody {
  return Object.assign(body, {
    [fc.toStringMethod]: () => `${body.kind} (${body.text.length} B): ${body.text.slice(0, 200)}`,
  });
}
