import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { versionToken } from '@maillage/contracts';

const IF_MATCH_REQUIRED = 'maillage:if-match-required';

/**
 * The weak ETag of a record from the version (or updatedAt) its service
 * returns. Weak because the representation is not compared byte for byte: two
 * answers with one version are the same record, whatever their formatting.
 */
export function weakETag(version: number | string | Date): string {
  return `W/"${versionToken(version)}"`;
}

/** The version a body carries: `version` first, else `updatedAt`. */
export function versionOf(body: unknown): number | string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { version?: unknown; revision?: unknown; updatedAt?: unknown };
  if (typeof record.version === 'number' || typeof record.version === 'string')
    return record.version;
  if (typeof record.revision === 'number') return record.revision;
  if (typeof record.updatedAt === 'string') return record.updatedAt;
  return undefined;
}

/** The version tokens of an `If-Match` / `If-None-Match` value (`*` is `['*']`). */
export function parseETags(header: string): string[] | undefined {
  const value = header.trim();
  if (value === '*') return ['*'];
  const tags: string[] = [];
  const pattern = /\s*(?:W\/)?"([\x21\x23-\x7e]*)"\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(value)) !== null) {
    tags.push(match[1]);
    consumed = pattern.lastIndex;
    if (consumed === value.length) break;
  }
  return consumed === value.length && tags.length ? tags : undefined;
}

class PreconditionRequiredException extends HttpException {
  constructor() {
    super({ message: 'this update needs an If-Match header with the ETag you last read' }, 428);
  }
}

/**
 * Sets `ETag` from the version in the answer; on a GET whose `If-None-Match`
 * names it, answers 304. With `required`, refuses an update without
 * `If-Match` (428); the service compares the version (412 when stale).
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    if (this.reflector.get<boolean>(IF_MATCH_REQUIRED, context.getHandler())) {
      const header = request.headers['if-match'];
      if (header === undefined) throw new PreconditionRequiredException();
      if (!parseETags(header)) throw badHeader('If-Match', 'must be * or one or more quoted ETags');
    }
    return next.handle().pipe(
      map((body: unknown) => {
        const version = versionOf(body);
        if (version === undefined) return body;
        const etag = weakETag(version);
        response.setHeader('ETag', etag);
        const ifNoneMatch = request.headers['if-none-match'];
        if ((request.method === 'GET' || request.method === 'HEAD') && ifNoneMatch) {
          const tags = parseETags(ifNoneMatch);
          if (tags && (tags.includes('*') || tags.includes(versionToken(version)))) {
            response.status(304);
            return undefined;
          }
        }
        return body;
      }),
    );
  }
}

/** A readable record whose answer carries a version: `ETag`, and 304 on a matching `If-None-Match`. */
export function ETagged(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseInterceptors(ETagInterceptor));
}

/**
 * An update of a shared record: `If-Match` is required (428 without it), read
 * it with `@IfMatch()` and hand it to the service, which answers 412 when the
 * record changed since (see `assertVersion` in @maillage/contracts).
 */
export function RequireIfMatch(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IF_MATCH_REQUIRED, true),
    UseInterceptors(ETagInterceptor),
    ApiHeader({
      name: 'If-Match',
      required: true,
      description: 'the ETag of the version you read',
    }),
    ApiResponse({ status: 412, description: 'the record changed since that version' }),
    ApiResponse({ status: 428, description: 'If-Match is missing' }),
  );
}

/**
 * The version the client expects, from `If-Match`: undefined for `*` (any
 * version) or when absent; a list of several tags is refused.
 */
export const IfMatch = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const header = context.switchToHttp().getRequest<Request>().headers['if-match'];
    if (header === undefined) return undefined;
    const tags = parseETags(header);
    if (!tags) throw badHeader('If-Match', 'must be * or a quoted ETag');
    if (tags.length > 1) throw badHeader('If-Match', 'name one ETag, the version you read');
    return tags[0] === '*' ? undefined : tags[0];
  },
);

const badHeader = (field: string, reason: string): BadRequestException =>
  new BadRequestException({
    message: `The ${field} header is invalid.`,
    errors: [{ field, reason }],
  });
