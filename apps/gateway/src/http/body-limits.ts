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
