import type { NextFunction, Request, Response } from 'express';
import { sendProblem, toProblem } from './problem.filter';

/** Media types a request body may have; JSON everywhere, CSV for imports. */
export const DEFAULT_BODY_TYPES = ['application/json', 'application/merge-patch+json', 'text/csv'];

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Refuses a body the API does not read with 415, before anything parses it:
 * otherwise an XML or form body would reach a handler as `{}` and be
 * validated as an empty object.
 */
export function requireKnownBodyType(allowed: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!BODY_METHODS.has(request.method) || !hasBody(request)) return next();
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (
      allowed.includes(type) ||
      (type.startsWith('application/') &&
        type.endsWith('+json') &&
        allowed.includes('application/json'))
    )
      return next();
    sendProblem(request, response, {
      status: 415,
      title: 'Unsupported media type',
      detail: type
        ? `a body of type ${type} is not accepted; send ${allowed.join(' or ')}`
        : `the body has no Content-Type; send ${allowed.join(' or ')}`,
    });
  };
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/**
 * Renders errors thrown by the body parsers (413 too large, 400 malformed
 * JSON) as problem+json: they happen before Nest's routing and its filters.
 */
export function bodyParserErrors() {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    if (response.headersSent) return next(error);
    sendProblem(request, response, toProblem(error));
  };
}

/** Deepest nesting of objects and arrays a JSON body may have; the contracts need under 10. */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys naming what every object inherits (`__proto__`, `constructor`,
 * `toString`…) and `prototype`: copied by a parser, merger or transformer they
 * reach a prototype, and class-transformer drops them silently instead of
 * letting the validator refuse them as unknown. No request has such a field.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const bodyRefused = (message: string, type: string): Error =>
  Object.assign(new Error(message), { status: 400, type });

/**
 * A `verify` hook for the JSON parser, one pass over the raw bytes before they
 * are parsed: refuses (400) a body nested deeper than `maxDepth` (transforming
 * and validating it would recurse until the stack overflows, a 500) and a key
 * of PROTOTYPE_KEYS at any depth, however it is escaped.
 */
export function refuseHostileJson(maxDepth = MAX_JSON_DEPTH) {
  return (_request: unknown, _response: unknown, buffer: Buffer): void => {
    let depth = 0;
    for (let i = 0; i < buffer.length; i++) {
      const byte = buffer[i];
      if (byte === 0x22) {
        const start = i;
        for (i++; i < buffer.length && buffer[i] !== 0x22; i++) if (buffer[i] === 0x5c) i++;
        let next = i + 1;
        while (
          next < buffer.length &&
          (buffer[next] === 0x20 ||
            buffer[next] === 0x0a ||
            buffer[next] === 0x0d ||
            buffer[next] === 0x09)
        )
          next++;
        if (buffer[next] !== 0x3a || i - start > 64) continue; // not a key, or too long to be one of them
        let key: unknown;
        try {
          key = JSON.parse(buffer.toString('utf8', start, i + 1));
        } catch {
          continue; // the parser reports malformed JSON
        }
        if (typeof key === 'string' && PROTOTYPE_KEYS.has(key))
          throw bodyRefused(
            `the request body has a key ${key}, which no request takes`,
            'entity.prototype.key',
          );
      } else if (byte === 0x7b || byte === 0x5b) {
        if (++depth > maxDepth)
          throw bodyRefused(
            `the request body is nested deeper than ${maxDepth} levels`,
            'entity.too.deep',
          );
      } else if (byte === 0x7d || byte === 0x5d) depth--;
    }
  };
}
