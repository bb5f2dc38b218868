import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FieldError, Problem, ProblemError } from '@maillage/contracts';
import { TransportUnavailableError } from '@maillage/messaging';

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
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error({ correlationId: request.id, error: exception instanceof Error ? exception.stack : String(exception) }, problem.title);
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ type: 'about:blank', ...problem, instance: request.originalUrl, correlationId: request.id });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemError) return exception.problem;
    if (exception instanceof TransportUnavailableError) {
      return exception.timedOut
        ? { status: 504, title: 'Service timeout', detail: exception.message }
        : { status: 503, title: 'Service unavailable', detail: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const errors = typeof body === 'object' && body && 'errors' in body ? (body as { errors: FieldError[] }).errors : undefined;
      const detail = typeof body === 'string' ? body : typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : exception.message;
      return { status, title: titleOf(status), detail, ...(errors ? { errors } : {}) };
    }
    // body-parser errors carry a status (413 too large, 400 bad JSON)
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { status, title: titleOf(status), detail: (exception as Error).message };
    }
    return { status: 500, title: 'Internal error' };
  }
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
    412: 'Precondition failed', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable', 429: 'Too many requests',
  };
  return titles[status] ?? 'Error';
}
