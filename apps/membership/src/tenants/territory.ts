import { findCommune } from '@maillage/identifiers';
import type { TerritoryCommuneV1 } from '@maillage/contracts';
import type { FieldError } from '../members/field-error';

/**
 * The territory of a CPTS from the INSEE codes an operator gives: each commune
 * with its département and EPCI, read from the official geographic code. No
 * administrative unit matches a CPTS, so the territory is the list itself.
 */
export function buildTerritory(
  codes: string[],
  field = 'communes',
): { territory: TerritoryCommuneV1[]; errors: FieldError[] } {
  const territory: TerritoryCommuneV1[] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  codes.forEach((raw, i) => {
    const commune = findCommune(raw);
    if (!commune)
      return errors.push({ field: `${field}[${i}]`, reason: `unknown commune code ${raw}` });
    if (commune.formerCode)
      return errors.push({
        field: `${field}[${i}]`,
        reason: `commune code ${raw} is a former code: use ${commune.code} (${commune.name})`,
      });
    const first = seen.get(commune.code);
    if (first !== undefined)
      return errors.push({
        field: `${field}[${i}]`,
        reason: `commune ${commune.code} already listed at ${field}[${first}]`,
      });
    seen.set(commune.code, i);
    territory.push({
      code: commune.code,
      name: commune.name,
      departmentCode: commune.departmentCode,
      epciCode: commune.epciCode,
      epciName: commune.epciName,
    });
  });
  return { territory, errors };
}

/** The départements and EPCI a territory spans, in first-seen order. */
export function spanOf(territory: TerritoryCommuneV1[]): {
  departmentCodes: string[];
  epciCodes: string[];
} {
  const departmentCodes = [...new Set(territory.map((c) => c.departmentCode))];
  const epciCodes = [
    ...new Set(territory.map((c) => c.epciCode).filter((c): c is string => typeof c === 'string')),
  ];
  return { departmentCodes, epciCodes };
}
