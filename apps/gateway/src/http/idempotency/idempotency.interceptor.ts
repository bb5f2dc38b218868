import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UnprocessableEntityException,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { IdempotencyScope, IdempotencyStore } from './idempotency.store';

const IDEMPOTENT_KEY = 'maillage:idempotent';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentOptions {
  /** refuse the request (400) when the client sends no key */
  required?: boolean;
}

/**
 * Marks a creating POST: with an `Idempotency-Key` header, a retry returns the
 * first answer instead of creating again; the same key with another body is a
 * 422, and while the first request runs a retry gets 409.
 */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_KEY, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required ?? false,
      description:
        'a unique key per intended creation (a UUID): a retry with the same key and body returns the first result',
    }),
  );
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options =
      this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT_KEY, context.getHandler()) ?? {};
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) {
      if (options.required) throw badKey('this request needs an Idempotency-Key header');
      return next.handle();
    }
    if (typeof header !== 'string' || !KEY_PATTERN.test(header))
      throw badKey('must be 1 to 255 printable ASCII characters');
    if (!request.principal) return next.handle();
    const scope: IdempotencyScope = {
      tenantId: typeof request.params?.tenantId === 'string' ? request.params.tenantId : '',
      subject: `${request.principal.issuer}|${request.principal.subject}`,
      key: header,
    };
    const hash = requestHash(request.method, request.originalUrl, request.body);
    return from(this.store.claim(scope, hash, request.method, request.originalUrl)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'mismatch':
            return throwError(
              () =>
                new UnprocessableEntityException(
                  'this Idempotency-Key was used with another request body; use a new key',
                ),
            );
          case 'in-progress':
            response.setHeader('Retry-After', '1');
            return throwError(
              () =>
                new ConflictException(
                  'a request with this Idempotency-Key is still running; retry shortly',
                ),
            );
          case 'completed':
            response.status(claim.status);
            if (claim.location) response.setHeader('Location', claim.location);
            response.setHeader('Idempotent-Replayed', 'true');
            return of(claim.body ?? undefined);
          case 'new':
            return next.handle().pipe(
              mergeMap(async (body: unknown) => {
                // stored before the client sees it: an immediate retry finds it
                const location = response.getHeader('Location');
                await this.store.complete(
                  scope,
                  response.statusCode,
                  body,
                  typeof location === 'string' ? location : null,
                );
                return body;
              }),
              catchError((error: unknown) =>
                from(this.store.release(scope)).pipe(mergeMap(() => throwError(() => error))),
              ),
            );
        }
      }),
    );
  }
}

const badKey = (reason: string): BadRequestException =>
  new BadRequestException({
    message: 'The Idempotency-Key header is invalid.',
    errors: [{ field: 'Idempotency-Key', reason }],
  });

/** Method, path and body (keys sorted): what must be the same for a retry to be one. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
