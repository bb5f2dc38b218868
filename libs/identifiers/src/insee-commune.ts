import { readFileSync } from 'node:fs';
import { accept, IdentifierCheck, refuse } from './check-result';

/**
 * INSEE commune codes, checked against @etalab/decoupage-administratif (the
 * official geographic code, EPCI with their members, offline JSON): the regex
 * alone accepts postal codes and communes merged years ago.
 *
 * Decisions:
 * - Valid current codes are communes of type `commune-actuelle`, plus the 45
 *   municipal arrondissements of Paris, Lyon and Marseille (`arrondissement-municipal`):
 *   a CPTS territory can be "Paris XIII + XIV", and directories give practices
 *   by arrondissement. They are reported with `kind: 'municipal-arrondissement'`,
 *   the code of their city in `parentCode`, and the city's EPCI.
 * - A former code (`anciensCodes` of a current commune; merged, delegated or
 *   associated communes) is not a current commune: `findCommune` maps it to the
 *   current one and says so in `formerCode`; `checkInseeCommune` refuses it unless
 *   `acceptFormerCodes` is set, and then returns the current code.
 * - Data is read once, on first use (the communes file is 8 MB).
 */

export type CommuneKind = 'commune' | 'municipal-arrondissement';

export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly kind: CommuneKind;
  /** For a municipal arrondissement: the code of its city (75056, 69123, 13055). */
  readonly parentCode?: string;
  readonly departmentCode: string;
  readonly departmentName: string | null;
  readonly regionCode: string;
  readonly regionName: string | null;
  /** SIREN of the EPCI the commune belongs to; null for the few island communes outside any. */
  readonly epciCode: string | null;
  readonly epciName: string | null;
  readonly population: number | null;
  readonly postalCodes: readonly string[];
  /** Set when the code asked for is a former code of this commune. */
  readonly formerCode?: string;
}

export const INSEE_COMMUNE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  commune?: string;
  chefLieu?: string;
  anciensCodes?: string[];
  codesPostaux?: string[];
  population?: number;
}
interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}
interface RawNamed {
  code: string;
  nom: string;
}

interface CommuneIndex {
  current: Map<string, Commune>;
  formerToCurrent: Map<string, string>;
}

let index: CommuneIndex | undefined;

function readData<T>(file: string): T {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${file}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function loadIndex(): CommuneIndex {
  if (index) return index;
  const communes = readData<RawCommune[]>('communes');
  const epcis = readData<RawEpci[]>('epci');
  const departments = new Map(readData<RawNamed[]>('departements').map((d) => [d.code, d.nom]));
  const regions = new Map(readData<RawNamed[]>('regions').map((r) => [r.code, r.nom]));
  const epciOf = new Map<string, RawEpci>();
  for (const epci of epcis) for (const member of epci.membres) epciOf.set(member.code, epci);

  const current = new Map<string, Commune>();
  const formerToCurrent = new Map<string, string>();
  const build = (raw: RawCommune, kind: CommuneKind, epci: RawEpci | undefined): Commune => ({
    code: raw.code,
    name: raw.nom,
    kind,
    ...(raw.commune ? { parentCode: raw.commune } : {}),
    departmentCode: raw.departement,
    departmentName: departments.get(raw.departement) ?? null,
    regionCode: raw.region,
    regionName: regions.get(raw.region) ?? null,
    epciCode: epci?.code ?? null,
    epciName: epci?.nom ?? null,
    population: raw.population ?? null,
    postalCodes: raw.codesPostaux ?? [],
  });
  for (const raw of communes) {
    if (raw.type === 'commune-actuelle') {
      current.set(raw.code, build(raw, 'commune', epciOf.get(raw.code)));
      for (const former of raw.anciensCodes ?? []) formerToCurrent.set(former, raw.code);
    }
  }
  for (const raw of communes) {
    if (raw.type === 'arrondissement-municipal' && raw.commune) {
      current.set(raw.code, build(raw, 'municipal-arrondissement', epciOf.get(raw.commune)));
    } else if (
      (raw.type === 'commune-deleguee' || raw.type === 'commune-associee') &&
      raw.chefLieu
    ) {
      // anciensCodes is the reference; the chef-lieu only fills gaps.
      if (!current.has(raw.code) && !formerToCurrent.has(raw.code))
        formerToCurrent.set(raw.code, raw.chefLieu);
    }
  }
  index = { current, formerToCurrent };
  return index;
}

function normaliseCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * The commune of a code: a current commune or municipal arrondissement, or —
 * for a former code — the commune that replaced it, with `formerCode` set.
 */
export function findCommune(code: string): Commune | undefined {
  const wanted = normaliseCode(code);
  const { current, formerToCurrent } = loadIndex();
  const found = current.get(wanted);
  if (found) return found;
  const replacement = formerToCurrent.get(wanted);
  const commune = replacement ? current.get(replacement) : undefined;
  return commune ? { ...commune, formerCode: wanted } : undefined;
}

/** True for a current commune or municipal arrondissement code; false for former codes. */
export function isKnownCommune(code: string): boolean {
  return loadIndex().current.has(normaliseCode(code));
}

/** All current communes (not arrondissements) of a département, e.g. for pickers. */
export function communesOfDepartment(departmentCode: string): Commune[] {
  return [...loadIndex().current.values()].filter(
    (c) => c.kind === 'commune' && c.departmentCode === departmentCode,
  );
}

export interface InseeCommuneCheckOptions {
  /** Old imports: accept a former code and return the current one. */
  readonly acceptFormerCodes?: boolean;
}

export function checkInseeCommune(
  raw: unknown,
  options: InseeCommuneCheckOptions = {},
): IdentifierCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('commune code is missing');
  const code = normaliseCode(raw);
  if (!INSEE_COMMUNE_PATTERN.test(code)) {
    return refuse(`commune code ${code} must be an INSEE code of 5 characters (e.g. 65440, 2A004)`);
  }
  const commune = findCommune(code);
  if (!commune) {
    const hint =
      /^\d{5}$/.test(code) && code.endsWith('0') ? ' (a postal code is not an INSEE code)' : '';
    return refuse(`unknown commune code ${code}${hint}`);
  }
  if (commune.formerCode) {
    if (options.acceptFormerCodes) return accept(commune.code);
    return refuse(`commune code ${code} is a former code: use ${commune.code} (${commune.name})`);
  }
  return accept(commune.code);
}
