import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ProblemError } from './request';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * How every list of the API is paged and sorted: numbered pages (a CPTS has
 * hundreds of members, not millions: a total is cheap and lets a screen show
 * "page 3 of 12"), and `sort` as comma-separated fields, `-` for descending.
 * A list adds its own filters by extending this class (`profession`, `q`…);
 * unknown query parameters are refused with a 400 naming them.
 */
export class PageQueryV1 {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({
    example: 'lastName,-registeredAt',
    description: 'fields to sort by, `-` for descending; each list names the fields it sorts on',
  })
  @IsOptional()
  @Matches(/^-?[A-Za-z][A-Za-z0-9]{0,40}(,-?[A-Za-z][A-Za-z0-9]{0,40}){0,4}$/, {
    message: 'sort must be up to 5 comma-separated field names, each optionally prefixed with -',
  })
  sort?: string;
}

/** One page of a list, whatever the resource. */
export class PageV1<T> {
  @ApiProperty({ description: 'the resources of this page' })
  items!: T[];

  @ApiProperty({ description: 'how many resources match the filters, over all pages' })
  total!: number;

  @ApiProperty({ minimum: 1 })
  page!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_PAGE_SIZE })
  pageSize!: number;
}

export interface SortKey<F extends string = string> {
  field: F;
  direction: 'ASC' | 'DESC';
}

/** Page and size with their defaults, and the SQL offset they mean. */
export function pageWindow(query: PageQueryV1): {
  page: number;
  pageSize: number;
  offset: number;
  limit: number;
} {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}

/**
 * Reads `sort` against the fields a list allows; a field it does not sort on
 * is a 400 naming `sort`, never a raw column name reaching SQL.
 */
export function parseSort<F extends string>(
  sort: string | undefined,
  allowed: readonly F[],
  fallback: SortKey<F>[] = [],
): SortKey<F>[] {
  if (!sort) return fallback;
  const keys: SortKey<F>[] = [];
  for (const part of sort.split(',')) {
    const descending = part.startsWith('-');
    const field = (descending ? part.slice(1) : part) as F;
    if (!allowed.includes(field)) {
      throw ProblemError.badRequest([
        {
          field: 'sort',
          reason: `cannot sort on ${field}; sortable fields: ${allowed.join(', ')}`,
        },
      ]);
    }
    if (keys.some((k) => k.field === field))
      throw ProblemError.badRequest([{ field: 'sort', reason: `${field} appears twice` }]);
    keys.push({ field, direction: descending ? 'DESC' : 'ASC' });
  }
  return keys;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryV1): PageV1<T> {
  const { page, pageSize } = pageWindow(query);
  return { items, total, page, pageSize };
}
