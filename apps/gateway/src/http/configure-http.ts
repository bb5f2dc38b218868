import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text, urlencoded } from 'express';
import helmet from 'helmet';
import {
  bodyParserErrors,
  DEFAULT_BODY_TYPES,
  refuseHostileJson,
  requireKnownBodyType,
} from './body-limits';
import { documentProblems } from './openapi';

export interface HttpOptions {
  corsOrigins?: string[];
  /** largest JSON body accepted (413 above); a member with a year of availability is ~20 kB */
  bodyLimit?: string;
  /** largest CSV body (imports of a member list) */
  csvLimit?: string;
  /** media types a body may have (415 otherwise) */
  bodyTypes?: string[];
  /** hops of reverse proxies to trust for the client address (rate limits by IP) */
  trustProxy?: number;
}

/** What the gateway adds to a bare Nest app: limits, headers, CORS, OpenAPI. */
export function configureGatewayHttp(app: INestApplication, options: HttpOptions = {}): void {
  const express = app as NestExpressApplication;
  if (options.trustProxy) express.set('trust proxy', options.trustProxy);
  express.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false }));
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: options.corsOrigins,
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'If-None-Match',
        'Idempotency-Key',
        'x-correlation-id',
        'Last-Event-ID',
      ],
      exposedHeaders: [
        'ETag',
        'Location',
        'Retry-After',
        'x-correlation-id',
        'Idempotent-Replayed',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
      ],
    });
  }
  app.use(requireKnownBodyType(options.bodyTypes ?? DEFAULT_BODY_TYPES));
  app.use(
    json({
      limit: options.bodyLimit ?? '256kb',
      type: ['application/json', 'application/*+json'],
      verify: refuseHostileJson(),
    }),
  );
  app.use(text({ limit: options.csvLimit ?? '5mb', type: 'text/csv' }));
  app.use(urlencoded({ extended: false, limit: '64kb' }));
  app.use(bodyParserErrors());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Maillage API')
      .setDescription(API_DESCRIPTION)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  documentProblems(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

const API_DESCRIPTION = `The platform French CPTS run on: members, rotas, campaigns, partners.

**Authentication.** Bearer tokens (JWT) from the configured OpenID Connect provider — Pro Santé Connect for health professionals, who are then known by their RPPS/ADELI number — verified against its JWKS. Every route is under \`/v1/tenants/{tenantId}\`: the caller must belong to that CPTS with a role the route names.

**Errors** are \`application/problem+json\` (RFC 9457): \`status\`, \`title\`, \`detail\`, \`errors: [{field, reason}]\` for invalid fields, \`correlationId\` to quote to support.

**Lists** take \`page\` (from 1), \`pageSize\` (1–200, default 50), \`sort\` (\`field,-other\`) and their own filters, and answer \`{items, total, page, pageSize}\`.

**Updates of shared records** (availability…) answer with an \`ETag\`; send it back in \`If-Match\`: a missing one is a 428, a stale one a 412.

**Creating POSTs** accept an \`Idempotency-Key\` header (1–255 printable characters): a retry with the same key and body returns the first answer (with \`Idempotent-Replayed: true\`), the same key with another body is a 422, while the first is still running a 409. Keys are kept 24 hours.

**Limits.** JSON bodies up to 256 kB (413), only JSON or CSV bodies (415), a rate limit per client (429 with \`Retry-After\`), requests to services time out with 504 (503 when a service is down).

**Long operations** (rota generation) answer 202 with \`Location\` of a job resource: poll it (\`state\`, \`progress\`), or read \`…/events\` as server-sent events (\`progress\` events, then one \`done\`).`;
