import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { PageV1 } from '@maillage/contracts';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'status', 'title'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    status: { type: 'integer', example: 400 },
    title: { type: 'string', example: 'Invalid request' },
    detail: { type: 'string', example: 'The request has invalid fields.' },
    instance: { type: 'string', example: '/v1/tenants/cpts-sud-valence/members' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', example: 'identifierValue' },
          reason: { type: 'string' },
        },
      },
    },
  },
};

const COMMON_PROBLEMS: Record<string, string> = {
  '400': 'invalid fields, named in `errors`',
  '401':
    'no token, or a token that is expired, from an untrusted issuer, for another audience or badly signed',
  '403': 'the caller has no role in this tenant that allows the action',
  '413': 'body too large',
  '415': 'body is neither JSON nor CSV',
  '429': 'rate limit reached; see `Retry-After`',
  '503': 'a service behind the gateway is unavailable',
  '504': 'a service behind the gateway did not answer in time',
};

/** Adds the problem schema and the answers every route may give to the generated document. */
export function documentProblems(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  const content = {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = (operation as { responses: Record<string, unknown> }).responses;
      for (const [status, description] of Object.entries(COMMON_PROBLEMS))
        responses[status] ??= { description, content };
    }
  }
}

/**
 * Documents a list route: the page envelope around `item`, and the paging
 * query parameters (the route's query DTO extends PageQueryV1 and adds its
 * filters, which Swagger reads from the DTO).
 */
export function ApiPageResponse(
  item: Type<unknown>,
  description = 'one page of the list',
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(PageV1, item),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageV1) },
          { properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}
