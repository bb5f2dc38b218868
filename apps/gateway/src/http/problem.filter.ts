import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FieldError, Problem, ProblemError } from '@maillage/contracts';
import { TransportUnavailableError } from '@maillage/messaging';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Every error leaves the gateway as application/problem+json (RFC 9457), with
 * the offending fields when there are some; never a stack trace.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        {
          correlationId: request.id,
          error: exception instanceof Error ? exception.stack : String(exception),
        },
        problem.title,
      );
    }
    if (response.headersSent) {
      // a stream (server-sent events) already answered 200: end it
      response.end();
      return;
    }
    sendProblem(request, response, problem);
  }
}

/** Writes a problem; also used by the Express middleware that run before Nest's routing. */
export function sendProblem(
  request: Request & { id?: unknown },
  response: Response,
  problem: Problem,
): void {
  if (problem.status === 503 && !response.getHeader('Retry-After'))
    response.setHeader('Retry-After', '5');
  // RFC 6750 §3: say how to authenticate, and that a token that was sent is the problem
  if (problem.status === 401) {
    response.setHeader(
      'WWW-Authenticate',
      request.headers.authorization?.startsWith('Bearer ')
        ? 'Bearer realm="maillage", error="invalid_token"'
        : 'Bearer realm="maillage"',
    );
  }
  response
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .json({
      type: 'about:blank',
      ...problem,
      instance: request.originalUrl,
      correlationId: request.id,
    });
}

export function toProblem(exception: unknown): Problem {
  if (exception instanceof ProblemError) return exception.problem;
  if (exception instanceof TransportUnavailableError) {
    return exception.timedOut
      ? { status: 504, title: 'Service timeout', detail: exception.message }
      : { status: 503, title: 'Service unavailable', detail: exception.message };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const errors =
      typeof body === 'object' && body && 'errors' in body
        ? (body as { errors: FieldError[] }).errors
        : undefined;
    const detail =
      typeof body === 'string'
        ? body
        : typeof body === 'object' && body && 'message' in body
          ? String((body as { message: unknown }).message)
          : exception.message;
    return { status, title: titleOf(status), detail, ...(errors ? { errors } : {}) };
  }
  // body-parser errors carry a status (413 too large, 400 bad JSON, 415 charset)
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      title: titleOf(status),
      detail: bodyParserDetail(exception as Error & { type?: string; limit?: number }),
    };
  }
  return { status: 500, title: 'Internal error' };
}

function bodyParserDetail(error: Error & { type?: string; limit?: number }): string {
  if (error.type === 'entity.too.large')
    return `the request body is larger than the limit of ${error.limit} bytes`;
  if (error.type === 'entity.parse.failed') return 'the request body is not valid JSON';
  return error.message;
}

export function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'Not acceptable',
    409: 'Conflict',
    412: 'Precondition failed',
    413: 'Payload too large',
    415: 'Unsupported media type',
    422: 'Unprocessable',
    428: 'Precondition required',
    429: 'Too many requests',
    500: 'Internal error',
    502: 'Bad gateway',
    503: 'Service unavailable',
    504: 'Service timeout',
  };
  return titles[status] ?? 'Error';
}
