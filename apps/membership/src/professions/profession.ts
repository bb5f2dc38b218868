/**
 * Professions a CPTS member can have: the regulated health professions, and the
 * non-health people an association also counts (coordinator, volunteer). Codes are
 * stable English identifiers stored in the database and events; French labels are
 * for display only.
 */

export type IdentifierKind = 'RPPS' | 'ADELI';

export const PROFESSION_CODES = [
  'doctor',
  'nurse',
  'pharmacist',
  'physiotherapist',
  'midwife',
  'dentist',
  'speech-therapist',
  'orthoptist',
  'podiatrist',
  'psychologist',
  'dietitian',
  'occupational-therapist',
  'psychomotor-therapist',
  'hearing-aid-specialist',
  'optician',
  'medical-assistant',
  'coordinator',
  'volunteer',
] as const;
export type ProfessionCode = (typeof PROFESSION_CODES)[number];

export interface Profession {
  readonly code: ProfessionCode;
  readonly label: string;
  readonly category: 'health' | 'non-health';
  /**
   * Directory identifiers accepted, preferred first; empty when the profession has
   * none. Professions that moved from ADELI to RPPS still accept ADELI during the
   * transition.
   */
  readonly identifiers: readonly IdentifierKind[];
  /** Pro Santé Connect / RPPS `codeProfession` (nomenclature TRE_G15 ProfessionSante). */
  readonly pscProfessionCode?: string;
  readonly hasSpecialty: boolean;
}

const RPPS_ONLY: readonly IdentifierKind[] = ['RPPS'];
const RPPS_OR_ADELI: readonly IdentifierKind[] = ['RPPS', 'ADELI'];
const ADELI_OR_RPPS: readonly IdentifierKind[] = ['ADELI', 'RPPS'];
const NONE: readonly IdentifierKind[] = [];

export const PROFESSIONS: Readonly<Record<ProfessionCode, Profession>> = {
  doctor: {
    code: 'doctor',
    label: 'Médecin',
    category: 'health',
    identifiers: RPPS_ONLY,
    pscProfessionCode: '10',
    hasSpecialty: true,
  },
  pharmacist: {
    code: 'pharmacist',
    label: 'Pharmacien',
    category: 'health',
    identifiers: RPPS_ONLY,
    pscProfessionCode: '21',
    hasSpecialty: false,
  },
  dentist: {
    code: 'dentist',
    label: 'Chirurgien-dentiste',
    category: 'health',
    identifiers: RPPS_ONLY,
    pscProfessionCode: '40',
    hasSpecialty: false,
  },
  midwife: {
    code: 'midwife',
    label: 'Sage-femme',
    category: 'health',
    identifiers: RPPS_ONLY,
    pscProfessionCode: '50',
    hasSpecialty: false,
  },
  nurse: {
    code: 'nurse',
    label: 'Infirmier',
    category: 'health',
    identifiers: RPPS_OR_ADELI,
    pscProfessionCode: '60',
    hasSpecialty: false,
  },
  physiotherapist: {
    code: 'physiotherapist',
    label: 'Masseur-kinésithérapeute',
    category: 'health',
    identifiers: RPPS_ONLY,
    pscProfessionCode: '70',
    hasSpecialty: false,
  },
  podiatrist: {
    code: 'podiatrist',
    label: 'Pédicure-podologue',
    category: 'health',
    identifiers: RPPS_ONLY,
    pscProfessionCode: '80',
    hasSpecialty: false,
  },
  'speech-therapist': {
    code: 'speech-therapist',
    label: 'Orthophoniste',
    category: 'health',
    identifiers: RPPS_OR_ADELI,
    pscProfessionCode: '91',
    hasSpecialty: false,
  },
  orthoptist: {
    code: 'orthoptist',
    label: 'Orthoptiste',
    category: 'health',
    identifiers: RPPS_OR_ADELI,
    pscProfessionCode: '92',
    hasSpecialty: false,
  },
  psychologist: {
    code: 'psychologist',
    label: 'Psychologue',
    category: 'health',
    identifiers: ADELI_OR_RPPS,
    pscProfessionCode: '93',
    hasSpecialty: false,
  },
  'occupational-therapist': {
    code: 'occupational-therapist',
    label: 'Ergothérapeute',
    category: 'health',
    identifiers: RPPS_OR_ADELI,
    pscProfessionCode: '94',
    hasSpecialty: false,
  },
  dietitian: {
    code: 'dietitian',
    label: 'Diététicien',
    category: 'health',
    identifiers: ADELI_OR_RPPS,
    pscProfessionCode: '95',
    hasSpecialty: false,
  },
  'psychomotor-therapist': {
    code: 'psychomotor-therapist',
    label: 'Psychomotricien',
    category: 'health',
    identifiers: RPPS_OR_ADELI,
    pscProfessionCode: '96',
    hasSpecialty: false,
  },
  'hearing-aid-specialist': {
    code: 'hearing-aid-specialist',
    label: 'Audioprothésiste',
    category: 'health',
    identifiers: ADELI_OR_RPPS,
    pscProfessionCode: '26',
    hasSpecialty: false,
  },
  optician: {
    code: 'optician',
    label: 'Opticien-lunetier',
    category: 'health',
    identifiers: ADELI_OR_RPPS,
    pscProfessionCode: '28',
    hasSpecialty: false,
  },
  // Medical assistants work under a doctor's supervision and are in no directory.
  'medical-assistant': {
    code: 'medical-assistant',
    label: 'Assistant médical',
    category: 'health',
    identifiers: NONE,
    hasSpecialty: false,
  },
  coordinator: {
    code: 'coordinator',
    label: 'Coordinateur de CPTS',
    category: 'non-health',
    identifiers: NONE,
    hasSpecialty: false,
  },
  volunteer: {
    code: 'volunteer',
    label: 'Bénévole',
    category: 'non-health',
    identifiers: NONE,
    hasSpecialty: false,
  },
};

export const DOCTOR_SPECIALTY_CODES = [
  'general-practice',
  'paediatrics',
  'gynaecology',
  'psychiatry',
  'cardiology',
  'dermatology',
  'ophthalmology',
  'geriatrics',
  'pulmonology',
  'endocrinology',
  'rheumatology',
  'gastroenterology',
  'neurology',
  'ent',
  'radiology',
  'emergency-medicine',
  'occupational-medicine',
  'sports-medicine',
] as const;
export type DoctorSpecialtyCode = (typeof DOCTOR_SPECIALTY_CODES)[number];

export const DOCTOR_SPECIALTY_LABELS: Readonly<Record<DoctorSpecialtyCode, string>> = {
  'general-practice': 'Médecine générale',
  paediatrics: 'Pédiatrie',
  gynaecology: 'Gynécologie',
  psychiatry: 'Psychiatrie',
  cardiology: 'Cardiologie',
  dermatology: 'Dermatologie',
  ophthalmology: 'Ophtalmologie',
  geriatrics: 'Gériatrie',
  pulmonology: 'Pneumologie',
  endocrinology: 'Endocrinologie-diabétologie',
  rheumatology: 'Rhumatologie',
  gastroenterology: 'Gastro-entérologie',
  neurology: 'Neurologie',
  ent: 'Oto-rhino-laryngologie',
  radiology: 'Radiologie',
  'emergency-medicine': 'Médecine d’urgence',
  'occupational-medicine': 'Médecine du travail',
  'sports-medicine': 'Médecine du sport',
};

export const SKILL_CODES = [
  'can-vaccinate',
  'vaccine-preparation',
  'antigen-test',
  'pcr-sampling',
  'icope-screening',
  'etp',
  'first-aid',
  'snp-regulation',
  'teleconsultation',
  'case-conference-lead',
] as const;
export type SkillCode = (typeof SKILL_CODES)[number];

export interface Skill {
  readonly code: SkillCode;
  readonly label: string;
  /** Professions legally allowed to exercise it; absent when anyone trained can. */
  readonly professions?: readonly ProfessionCode[];
  /** True when a training date is expected (certifying trainings). */
  readonly needsTraining: boolean;
}

export const SKILLS: Readonly<Record<SkillCode, Skill>> = {
  'can-vaccinate': {
    code: 'can-vaccinate',
    label: 'Vaccination',
    professions: ['doctor', 'nurse', 'pharmacist', 'midwife'],
    needsTraining: false,
  },
  'vaccine-preparation': {
    code: 'vaccine-preparation',
    label: 'Préparation des vaccins',
    professions: ['doctor', 'nurse', 'pharmacist', 'midwife'],
    needsTraining: true,
  },
  'antigen-test': {
    code: 'antigen-test',
    label: 'Test antigénique',
    professions: [
      'doctor',
      'nurse',
      'pharmacist',
      'midwife',
      'physiotherapist',
      'dentist',
      'medical-assistant',
    ],
    needsTraining: true,
  },
  'pcr-sampling': {
    code: 'pcr-sampling',
    label: 'Prélèvement naso-pharyngé (PCR)',
    professions: ['doctor', 'nurse', 'pharmacist', 'midwife', 'physiotherapist', 'dentist'],
    needsTraining: true,
  },
  'icope-screening': {
    code: 'icope-screening',
    label: 'Repérage ICOPE (fragilité)',
    needsTraining: true,
  },
  etp: { code: 'etp', label: 'Éducation thérapeutique du patient (ETP)', needsTraining: true },
  'first-aid': {
    code: 'first-aid',
    label: 'Gestes et soins d’urgence (AFGSU)',
    needsTraining: true,
  },
  'snp-regulation': {
    code: 'snp-regulation',
    label: 'Soins non programmés / SAS',
    professions: ['doctor'],
    needsTraining: false,
  },
  teleconsultation: { code: 'teleconsultation', label: 'Téléconsultation', needsTraining: false },
  'case-conference-lead': {
    code: 'case-conference-lead',
    label: 'Animation de RCP',
    needsTraining: false,
  },
};

export const isProfessionCode = (code: unknown): code is ProfessionCode =>
  typeof code === 'string' && (PROFESSION_CODES as readonly string[]).includes(code);
export const isDoctorSpecialtyCode = (code: unknown): code is DoctorSpecialtyCode =>
  typeof code === 'string' && (DOCTOR_SPECIALTY_CODES as readonly string[]).includes(code);
export const isSkillCode = (code: unknown): code is SkillCode =>
  typeof code === 'string' && (SKILL_CODES as readonly string[]).includes(code);

/** The profession of a Pro Santé Connect `codeProfession`, if we know it. */
export function professionFromPscCode(codeProfession: string): ProfessionCode | undefined {
  return PROFESSION_CODES.find((code) => PROFESSIONS[code].pscProfessionCode === codeProfession);
}

/** French display label, e.g. "Médecin — Médecine générale". */
export function professionLabel(code: ProfessionCode, specialty?: DoctorSpecialtyCode): string {
  const base = PROFESSIONS[code].label;
  return specialty && PROFESSIONS[code].hasSpecialty
    ? `${base} — ${DOCTOR_SPECIALTY_LABELS[specialty]}`
    : base;
}

const normaliseLabel = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'\-\s.()/]+/g, ' ')
    .trim();

// What coordinators type in their spreadsheets, beyond the official labels.
const PROFESSION_ALIASES: Readonly<Record<string, ProfessionCode>> = {
  'medecin generaliste': 'doctor',
  mg: 'doctor',
  generaliste: 'doctor',
  infirmiere: 'nurse',
  ide: 'nurse',
  idel: 'nurse',
  pharmacienne: 'pharmacist',
  kine: 'physiotherapist',
  kinesitherapeute: 'physiotherapist',
  'sage femme': 'midwife',
  dentiste: 'dentist',
  podologue: 'podiatrist',
  dieteticienne: 'dietitian',
  coordinatrice: 'coordinator',
  coordinateur: 'coordinator',
  benevole: 'volunteer',
  opticien: 'optician',
};

/** Reads a profession from a French label, an alias or a code ("Infirmière", "kiné", "nurse"). */
export function professionFromLabel(text: string): ProfessionCode | undefined {
  const wanted = normaliseLabel(text);
  if (isProfessionCode(wanted.replace(/ /g, '-')))
    return wanted.replace(/ /g, '-') as ProfessionCode;
  const byLabel = PROFESSION_CODES.find(
    (code) => normaliseLabel(PROFESSIONS[code].label) === wanted,
  );
  return byLabel ?? PROFESSION_ALIASES[wanted];
}

/** Reads a skill from a French label or a code ("Vaccination", "ICOPE", "etp"). */
export function skillFromLabel(text: string): SkillCode | undefined {
  const wanted = normaliseLabel(text);
  if (isSkillCode(wanted.replace(/ /g, '-'))) return wanted.replace(/ /g, '-') as SkillCode;
  const byLabel = SKILL_CODES.find((code) => normaliseLabel(SKILLS[code].label) === wanted);
  if (byLabel) return byLabel;
  return SKILL_CODES.find(
    (code) => wanted.length >= 3 && normaliseLabel(SKILLS[code].label).split(' ').includes(wanted),
  );
}

const GENERAL_PRACTICE_ALIASES = new Set(['medecin generaliste', 'mg', 'generaliste']);

/** Like `professionFromLabel`, also reading a doctor's specialty ("Médecin généraliste", "Pédiatrie"). */
export function parseProfessionLabel(
  text: string,
): { code: ProfessionCode; specialty?: DoctorSpecialtyCode } | undefined {
  const wanted = normaliseLabel(text);
  if (GENERAL_PRACTICE_ALIASES.has(wanted))
    return { code: 'doctor', specialty: 'general-practice' };
  const specialty = DOCTOR_SPECIALTY_CODES.find(
    (code) =>
      normaliseLabel(DOCTOR_SPECIALTY_LABELS[code]) === wanted ||
      normaliseLabel(`Médecin ${DOCTOR_SPECIALTY_LABELS[code]}`) === wanted,
  );
  if (specialty) return { code: 'doctor', specialty };
  const code = professionFromLabel(text);
  return code ? { code } : undefined;
}
