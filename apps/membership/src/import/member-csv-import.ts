import { checkInseeCommune, findCommune } from '@maillage/identifiers';
import { parse } from 'csv-parse/sync';
import type { FieldError } from '../members/field-error';
import type {
  MemberRegistration,
  PracticeStatus,
  StructureKind,
} from '../members/member-registration';
import { checkMemberRegistration } from '../members/member-rules';
import { parseProfessionLabel, skillFromLabel } from '../professions/profession';

/**
 * Reads a coordinator's spreadsheet export of members (CSV, `;` or `,`, UTF-8
 * with or without BOM, or Excel's Windows-1252) and checks each line with the
 * same rules as the registration form. Nothing is saved: the caller shows the
 * report and registers the accepted lines.
 */

export interface MemberImportLine {
  /** Physical line of the file where the record starts (the header is line 1). */
  readonly line: number;
  readonly accepted: boolean;
  /** Field names are the file's own column headers, e.g. `Communes[2]`, `RPPS`. */
  readonly errors: FieldError[];
  /** What was changed or ignored without refusing the line (former commune codes, ADELI dropped for RPPS…). */
  readonly notes: string[];
  /** The registration built from the line, for accepted lines. */
  readonly registration?: MemberRegistration;
}

export interface MemberImportReport {
  readonly lines: MemberImportLine[];
  readonly accepted: number;
  readonly rejected: number;
  /** Problems with the file itself (missing columns, unreadable CSV): then no line is read. */
  readonly fileErrors: FieldError[];
  /** Columns not understood, ignored. */
  readonly ignoredColumns: string[];
}

export interface MemberImportOptions {
  /** Local date `YYYY-MM-DD` for training dates; defaults to today in Paris. */
  readonly today?: string;
}

type Column =
  | 'lastName'
  | 'firstName'
  | 'profession'
  | 'specialty'
  | 'rpps'
  | 'adeli'
  | 'email'
  | 'phone'
  | 'communes'
  | 'skills'
  | 'status'
  | 'structureKind'
  | 'structureName';

// Headers are compared without accents, case or punctuation.
const HEADER_ALIASES: Readonly<Record<string, Column>> = {
  nom: 'lastName',
  'nom de famille': 'lastName',
  prenom: 'firstName',
  profession: 'profession',
  metier: 'profession',
  specialite: 'specialty',
  rpps: 'rpps',
  'n rpps': 'rpps',
  'numero rpps': 'rpps',
  adeli: 'adeli',
  'n adeli': 'adeli',
  'numero adeli': 'adeli',
  email: 'email',
  'e mail': 'email',
  mail: 'email',
  courriel: 'email',
  telephone: 'phone',
  tel: 'phone',
  portable: 'phone',
  communes: 'communes',
  commune: 'communes',
  'codes insee': 'communes',
  'code insee': 'communes',
  competences: 'skills',
  statut: 'status',
  structure: 'structureKind',
  'type de structure': 'structureKind',
  'nom de la structure': 'structureName',
  'nom structure': 'structureName',
};
const REQUIRED: readonly Column[] = ['lastName', 'firstName', 'profession', 'email'];
const REQUIRED_LABELS: Readonly<Record<string, string>> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  profession: 'Profession',
  email: 'Email',
};

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const STATUSES: Readonly<Record<string, PracticeStatus>> = {
  actif: 'active',
  active: 'active',
  'en activite': 'active',
  liberal: 'active',
  retraite: 'retired',
  retraitee: 'retired',
  retired: 'retired',
  etudiant: 'student',
  etudiante: 'student',
  interne: 'student',
  student: 'student',
};
const STRUCTURES: Readonly<Record<string, StructureKind>> = {
  msp: 'MSP',
  esp: 'ESP',
  cds: 'CDS',
  'centre de sante': 'CDS',
  solo: 'SOLO',
  seul: 'SOLO',
  'cabinet individuel': 'SOLO',
  etablissement: 'ESTABLISHMENT',
  establishment: 'ESTABLISHMENT',
};

export function decodeCsv(content: string | Uint8Array): { text: string; note?: string } {
  if (typeof content === 'string') return { text: content };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(content),
      note: 'file read as Windows-1252 (not UTF-8)',
    };
  }
}

export function importMembersCsv(
  content: string | Uint8Array,
  options: MemberImportOptions = {},
): MemberImportReport {
  const { text } = decodeCsv(content);
  const body = text.replace(/^\ufeff/, '');
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(headerLine, ';') >= count(headerLine, ',') ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof rows;
  } catch (error: unknown) {
    return emptyReport([
      {
        field: 'file',
        reason: `the file is not readable CSV: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  const [header, ...records] = rows;
  if (!header) return emptyReport([{ field: 'file', reason: 'the file is empty' }]);

  const columns = new Map<Column, { index: number; name: string }>();
  const ignoredColumns: string[] = [];
  header.record.forEach((name, index) => {
    const column = HEADER_ALIASES[fold(name)];
    if (column && !columns.has(column)) columns.set(column, { index, name });
    else if (name !== '') ignoredColumns.push(name);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    return emptyReport(
      missing.map((c) => ({ field: 'header', reason: `column ${REQUIRED_LABELS[c]} is missing` })),
      ignoredColumns,
    );
  }

  const seenIdentifiers = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const lines: MemberImportLine[] = records.map(({ record, info }) => {
    const line = info.lines - record.reduce((n, field) => n + count(field, '\n'), 0);
    const cell = (c: Column): string => {
      const col = columns.get(c);
      return col ? (record[col.index] ?? '').trim() : '';
    };
    const columnName = (c: Column): string => columns.get(c)?.name ?? c;
    const { registration, errors, notes, skillColumnIndex } = readLine(cell, columnName);
    // The rules run even when a cell could not be read, so that one pass shows every problem of the line.
    const unread = new Set(errors.map((e) => e.field));
    for (const e of checkMemberRegistration(registration, { today: options.today })) {
      const field = toColumnField(e.field, registration, columnName, skillColumnIndex);
      if (!unread.has(field)) errors.push({ field, reason: e.reason });
    }
    if (registration.identifier.kind !== 'NONE' && registration.identifier.value) {
      const key = `${registration.identifier.kind}:${registration.identifier.value}`;
      const first = seenIdentifiers.get(key);
      if (first !== undefined) {
        errors.push({
          field: columnName(registration.identifier.kind === 'RPPS' ? 'rpps' : 'adeli'),
          reason: `${registration.identifier.kind} ${registration.identifier.value} is already on line ${first}`,
        });
      } else seenIdentifiers.set(key, line);
    }
    const email = registration.identity.email;
    const sameEmail = email ? seenEmails.get(email) : undefined;
    if (sameEmail !== undefined)
      notes.push(`email ${email} is also on line ${sameEmail} (shared mailbox?)`);
    else if (email) seenEmails.set(email, line);
    const accepted = errors.length === 0;
    return { line, accepted, errors, notes, ...(accepted ? { registration } : {}) };
  });
  const accepted = lines.filter((l) => l.accepted).length;
  return { lines, accepted, rejected: lines.length - accepted, fileErrors: [], ignoredColumns };
}

function readLine(
  cell: (c: Column) => string,
  columnName: (c: Column) => string,
): {
  registration: MemberRegistration;
  errors: FieldError[];
  notes: string[];
  skillColumnIndex: number[];
} {
  const errors: FieldError[] = [];
  const notes: string[] = [];

  const professionText = cell('profession');
  const parsed = parseProfessionLabel(professionText);
  if (!parsed)
    errors.push({
      field: columnName('profession'),
      reason: professionText ? `unknown profession "${professionText}"` : 'profession is required',
    });
  let specialty = parsed?.specialty;
  const specialtyText = cell('specialty');
  if (parsed?.code === 'doctor' && !specialty && specialtyText) {
    specialty = parseProfessionLabel(specialtyText)?.specialty;
    if (!specialty)
      errors.push({
        field: columnName('specialty'),
        reason: `unknown specialty "${specialtyText}"`,
      });
  }

  const rpps = cell('rpps').replace(/\s/g, '');
  const adeli = cell('adeli').replace(/\s/g, '').toUpperCase();
  let identifier: MemberRegistration['identifier'] = { kind: 'NONE' };
  if (rpps) {
    identifier = { kind: 'RPPS', value: rpps };
    if (adeli) notes.push(`ADELI ${adeli} not kept: RPPS is preferred when a member has both`);
  } else if (adeli) identifier = { kind: 'ADELI', value: adeli };

  const communes: string[] = [];
  cell('communes')
    .split(/[|,;\s]+/)
    .filter((c) => c !== '')
    .forEach((code, i) => {
      const current = checkInseeCommune(code, { acceptFormerCodes: true });
      const commune = current.valid ? findCommune(code) : undefined;
      if (current.valid && commune?.formerCode) {
        notes.push(
          `${columnName('communes')}[${i}]: ${commune.formerCode} is a former code, imported as ${current.value} (${commune.name})`,
        );
        communes.push(current.value);
      } else communes.push(code.toUpperCase());
    });

  const skills: MemberRegistration['skills'] = [];
  const skillColumnIndex: number[] = [];
  cell('skills')
    .split(/[|,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .forEach((text, i) => {
      const match = /^(.*?)\s*(?:[:(]\s*(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})\s*\)?)?$/.exec(
        text,
      );
      const label = match?.[1] ?? text;
      const date = match?.[2];
      const code = skillFromLabel(label);
      if (!code) {
        errors.push({ field: `${columnName('skills')}[${i}]`, reason: `unknown skill "${label}"` });
        return;
      }
      skills.push(date ? { code, trainedOn: toIsoDate(date) } : { code });
      skillColumnIndex.push(i);
    });

  const statusText = cell('status');
  const status = statusText ? STATUSES[fold(statusText)] : 'active';
  if (!status)
    errors.push({
      field: columnName('status'),
      reason: `unknown status "${statusText}" (actif, retraité, étudiant)`,
    });

  const structureText = cell('structureKind');
  const structureKind = structureText ? STRUCTURES[fold(structureText)] : 'SOLO';
  if (!structureKind)
    errors.push({
      field: columnName('structureKind'),
      reason: `unknown structure "${structureText}" (MSP, ESP, CDS, SOLO, établissement)`,
    });
  const structureName = cell('structureName');

  const phone = cell('phone');
  const registration: MemberRegistration = {
    identity: {
      lastName: cell('lastName'),
      firstName: cell('firstName'),
      email: cell('email').toLowerCase(),
      ...(phone ? { phone } : {}),
    },
    profession: { code: parsed?.code ?? ('' as never), ...(specialty ? { specialty } : {}) },
    identifier,
    practice: {
      communes,
      structure: {
        kind: structureKind ?? 'SOLO',
        ...(structureName ? { name: structureName } : {}),
      },
      status: status ?? 'active',
    },
    skills,
    // An import lists practitioners; joining the association (dues, vote) is a separate step.
    association: { periods: [], roles: ['member'], votingRights: false },
    availability: { weekly: [], exceptions: [] },
    consent: [],
  };
  return { registration, errors, notes, skillColumnIndex };
}

function toIsoDate(date: string): string {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  return fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : date;
}

// Turns a registration path into the column a coordinator sees in their file.
function toColumnField(
  field: string,
  registration: MemberRegistration,
  columnName: (c: Column) => string,
  skillColumnIndex: number[],
): string {
  const mapping: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^identity\.lastName$/, () => columnName('lastName')],
    [/^identity\.firstName$/, () => columnName('firstName')],
    [/^identity\.email$/, () => columnName('email')],
    [/^identity\.phone$/, () => columnName('phone')],
    [/^profession\.code$/, () => columnName('profession')],
    [/^profession\.specialty$/, () => columnName('specialty')],
    [
      /^identifier\.(kind|value)$/,
      () => (registration.identifier.kind === 'ADELI' ? columnName('adeli') : columnName('rpps')),
    ],
    [/^practice\.communes(\[\d+\])?$/, (m) => `${columnName('communes')}${m[1] ?? ''}`],
    [/^practice\.structure\.kind$/, () => columnName('structureKind')],
    [/^practice\.structure\.name$/, () => columnName('structureName')],
    [/^practice\.status$/, () => columnName('status')],
    [
      /^skills\[(\d+)\]/,
      (m) => `${columnName('skills')}[${skillColumnIndex[Number(m[1])] ?? m[1]}]`,
    ],
  ];
  for (const [pattern, name] of mapping) {
    const m = pattern.exec(field);
    if (m) return name(m);
  }
  return field;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function emptyReport(fileErrors: FieldError[], ignoredColumns: string[] = []): MemberImportReport {
  return { lines: [], accepted: 0, rejected: 0, fileErrors, ignoredColumns };
}
