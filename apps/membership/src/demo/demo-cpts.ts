import { findCommune, luhnKey } from '@maillage/identifiers';
import type {
  AssociationRole,
  Availability,
  MemberRegistration,
  MembershipPeriod,
  StructureKind,
  TimeBand,
  Weekday,
  WeeklySlot,
} from '../members/member-registration';
import type { DoctorSpecialtyCode, ProfessionCode, SkillCode } from '../professions/profession';

/**
 * A deterministic demo CPTS modelled on Sud-Valence (Drôme): 12 real communes,
 * 85 GPs and 80 nurses who took turns on vaccination lines, 40 other
 * professionals, coordinators and volunteers. Same seed, same CPTS.
 *
 * Fictitious on purpose: RPPS numbers are in the ANS test range (997…, valid
 * Luhn key), phones in the ARCEP ranges reserved for fiction, emails on the
 * reserved `.example` domain.
 */

export interface DemoCommune {
  readonly code: string;
  readonly name: string;
  readonly departmentCode: string;
  readonly epciCode: string | null;
  readonly epciName: string | null;
  readonly population: number | null;
}

export interface DemoSite {
  readonly id: string;
  readonly name: string;
  readonly communeCode: string;
}

export interface DemoCpts {
  readonly name: string;
  readonly slug: string;
  readonly communes: DemoCommune[];
  readonly sites: DemoSite[];
  readonly members: MemberRegistration[];
}

export interface DemoOptions {
  readonly seed?: number;
}

/** Valence and the communes south of it, over two EPCI (Valence Romans Agglo, Val de Drôme). */
export const SUD_VALENCE_COMMUNE_CODES: readonly string[] = [
  '26362', // Valence
  '26252', // Portes-lès-Valence
  '26037', // Beaumont-lès-Valence
  '26124', // Étoile-sur-Rhône
  '26196', // Montéléger
  '26042', // Beauvallon
  '26170', // Malissard
  '26206', // Montmeyran
  '26358', // Upie
  '26064', // Chabeuil
  '26212', // Montvendre
  '26165', // Livron-sur-Drôme
];

const SITES: readonly DemoSite[] = [
  {
    id: 'vaccination-parc-expo',
    name: 'Centre de vaccination — Parc des expositions',
    communeCode: '26362',
  },
  {
    id: 'vaccination-portes',
    name: 'Ligne de vaccination — Salle des fêtes de Portes-lès-Valence',
    communeCode: '26252',
  },
  {
    id: 'vaccination-etoile',
    name: 'Ligne de vaccination — Gymnase d’Étoile-sur-Rhône',
    communeCode: '26124',
  },
  {
    id: 'snp-msp-valence-sud',
    name: 'Soins non programmés — MSP Valence Sud',
    communeCode: '26362',
  },
];

const STRUCTURES: readonly { kind: StructureKind; name: string; communeCode: string }[] = [
  { kind: 'MSP', name: 'MSP Valence Sud', communeCode: '26362' },
  { kind: 'MSP', name: 'MSP du Plateau de Fontbarlettes', communeCode: '26362' },
  { kind: 'CDS', name: 'Centre de santé du Polygone', communeCode: '26362' },
  { kind: 'MSP', name: 'MSP de Portes-lès-Valence', communeCode: '26252' },
  { kind: 'ESP', name: 'ESP Étoile-Beaumont', communeCode: '26124' },
  { kind: 'MSP', name: 'MSP de Chabeuil', communeCode: '26064' },
  { kind: 'MSP', name: 'MSP de Livron', communeCode: '26165' },
];

const FEMALE_FIRST_NAMES = [
  'Marie',
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Julie',
  'Sarah',
  'Laura',
  'Emma',
  'Pauline',
  'Claire',
  'Anne',
  'Sophie',
  'Nathalie',
  'Isabelle',
  'Céline',
  'Aurélie',
  'Élodie',
  'Hélène',
  'Juliette',
  'Lucie',
  'Mathilde',
  'Amélie',
  'Sandrine',
  'Valérie',
  'Christine',
  'Émilie',
  'Caroline',
  'Agnès',
  'Margaux',
  'Inès',
  'Louise',
  'Clémence',
  'Laetitia',
  'Océane',
  'Fatima',
  'Yasmine',
  'Nadia',
];
const MALE_FIRST_NAMES = [
  'Thomas',
  'Nicolas',
  'Julien',
  'Pierre',
  'Antoine',
  'Maxime',
  'Alexandre',
  'Guillaume',
  'Romain',
  'Mathieu',
  'Sébastien',
  'Jérôme',
  'Olivier',
  'François',
  'Laurent',
  'Philippe',
  'Christophe',
  'Vincent',
  'Benoît',
  'Hugo',
  'Lucas',
  'Louis',
  'Paul',
  'Étienne',
  'Frédéric',
  'Bruno',
  'Thierry',
  'Yann',
  'Damien',
  'Cédric',
  'Karim',
  'Mehdi',
  'Rémi',
  'Arnaud',
  'Jean',
  'Michel',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefèvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martinez',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Roy',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Roger',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Renaud',
  'Dumas',
  'Lacroix',
  'Olivier',
  'Philippe',
  'Bourgeois',
  'Pierre',
  'Benoît',
  'Rey',
  'Leclerc',
  'Payet',
  'Rolland',
  'Chabert',
  'Reynaud',
  'Jullien',
  'Peyrard',
  'Faure-Brac',
  'Chapuis',
  'Desbos',
  'Sauvajon',
  'Mounier',
  'Fayolle',
];

/** Mulberry32: small, fast and good enough for demo data. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class DemoRandom {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((s, i) => s + weight(i), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return this.pick(items);
  }
  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += String(this.int(0, 9));
    return s;
  }
  date(from: string, to: string): string {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`);
    return new Date(start + Math.floor(this.next() * ((end - start) / 86_400_000 + 1)) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  }
}

interface Cohort {
  profession: ProfessionCode;
  specialty?: DoctorSpecialtyCode;
  count: number;
}

const COHORTS: readonly Cohort[] = [
  { profession: 'doctor', specialty: 'general-practice', count: 85 },
  { profession: 'nurse', count: 80 },
  { profession: 'pharmacist', count: 12 },
  { profession: 'physiotherapist', count: 10 },
  { profession: 'midwife', count: 4 },
  { profession: 'dentist', count: 3 },
  { profession: 'speech-therapist', count: 3 },
  { profession: 'psychologist', count: 3 },
  { profession: 'podiatrist', count: 2 },
  { profession: 'dietitian', count: 1 },
  { profession: 'doctor', specialty: 'paediatrics', count: 1 },
  { profession: 'doctor', specialty: 'geriatrics', count: 1 },
  { profession: 'coordinator', count: 2 },
  { profession: 'volunteer', count: 6 },
];

// Offices of the board, each given to the first member of a profession, in this order.
const BOARD: readonly [AssociationRole, ProfessionCode][] = [
  ['president', 'doctor'],
  ['vice-president', 'pharmacist'],
  ['treasurer', 'nurse'],
  ['secretary', 'physiotherapist'],
  ['board-member', 'doctor'],
  ['board-member', 'doctor'],
  ['board-member', 'nurse'],
  ['board-member', 'nurse'],
  ['board-member', 'midwife'],
  ['board-member', 'speech-therapist'],
];

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

export function generateDemoCpts(options: DemoOptions = {}): DemoCpts {
  const random = new DemoRandom(options.seed ?? 26);
  const communes = SUD_VALENCE_COMMUNE_CODES.map((code): DemoCommune => {
    const commune = findCommune(code);
    if (!commune || commune.formerCode)
      throw new Error(`demo commune ${code} is not a current commune`);
    return {
      code,
      name: commune.name,
      departmentCode: commune.departmentCode,
      epciCode: commune.epciCode,
      epciName: commune.epciName,
      population: commune.population,
    };
  });

  const identifiers = new Set<string>();
  const emails = new Set<string>();
  const uniqueIdentifier = (make: () => string): string => {
    for (;;) {
      const value = make();
      if (!identifiers.has(value)) {
        identifiers.add(value);
        return value;
      }
    }
  };

  const members: MemberRegistration[] = [];
  for (const cohort of COHORTS) {
    for (let n = 0; n < cohort.count; n++) {
      members.push(demoMember(cohort, n, random, communes, uniqueIdentifier, emails));
    }
  }
  assignBoard(members);
  return {
    name: 'CPTS Sud-Valence',
    slug: 'cpts-sud-valence',
    communes,
    sites: [...SITES],
    members,
  };
}

function demoMember(
  cohort: Cohort,
  n: number,
  random: DemoRandom,
  communes: readonly DemoCommune[],
  uniqueIdentifier: (make: () => string) => string,
  emails: Set<string>,
): MemberRegistration {
  const { profession } = cohort;
  const female = random.chance(
    profession === 'nurse' || profession === 'midwife' || profession === 'speech-therapist'
      ? 0.85
      : 0.5,
  );
  const firstName = random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  let email = `${ascii(firstName)}.${ascii(lastName)}@sante-sud-valence.example`;
  for (let i = 2; emails.has(email); i++)
    email = `${ascii(firstName)}.${ascii(lastName)}${i}@sante-sud-valence.example`;
  emails.add(email);
  const phone = random.chance(0.6)
    ? `06 39 98 ${random.digits(2)} ${random.digits(2)}`
    : `04 65 71 ${random.digits(2)} ${random.digits(2)}`;

  const isGp = profession === 'doctor' && cohort.specialty === 'general-practice';
  // Retired GPs joined the vaccination lines; a couple of interns too.
  const status =
    isGp && n >= 77
      ? n >= 83
        ? 'student'
        : 'retired'
      : profession === 'volunteer'
        ? 'retired'
        : 'active';
  const health = profession !== 'coordinator' && profession !== 'volunteer';

  let identifier: MemberRegistration['identifier'] = { kind: 'NONE' };
  if (health && status !== 'student') {
    const underAdeli =
      (profession === 'nurse' && random.chance(0.4)) ||
      profession === 'psychologist' ||
      profession === 'dietitian';
    identifier = underAdeli
      ? { kind: 'ADELI', value: uniqueIdentifier(() => `2699${random.digits(5)}`) }
      : { kind: 'RPPS', value: uniqueIdentifier(() => demoRpps(random)) };
  }

  const home = random.weighted(communes, (c) => Math.sqrt(c.population ?? 1));
  const practiceCommunes = [home.code];
  const extra = health ? random.int(0, profession === 'nurse' ? 3 : 1) : random.int(0, 2);
  for (let i = 0; i < extra; i++) {
    const other = random.pick(communes).code;
    if (!practiceCommunes.includes(other)) practiceCommunes.push(other);
  }
  const structureHere = STRUCTURES.filter((s) => s.communeCode === home.code);
  const structure =
    health && profession !== 'psychologist' && structureHere.length > 0 && random.chance(0.55)
      ? (({ kind, name }) => ({ kind, name }))(random.pick(structureHere))
      : { kind: 'SOLO' as const };

  const memberSince = random.date('2019-06-01', '2025-06-30');
  const periods: MembershipPeriod[] =
    profession === 'coordinator'
      ? []
      : memberSince < '2022-01-01' && random.chance(0.2)
        ? [
            { from: memberSince, to: '2021-12-31', duesPaid: true },
            { from: '2023-01-01', duesPaid: random.chance(0.9) },
          ]
        : [{ from: memberSince, duesPaid: random.chance(0.9) }];

  return {
    identity: { lastName, firstName, email, phone },
    profession: cohort.specialty
      ? { code: profession, specialty: cohort.specialty }
      : { code: profession },
    identifier,
    practice: { communes: practiceCommunes, structure, status },
    skills: demoSkills(profession, isGp, random),
    association: {
      periods,
      ...(profession === 'coordinator'
        ? {}
        : { college: health ? ('liberal-professionals' as const) : ('users' as const) }),
      roles:
        profession === 'coordinator'
          ? ['coordinator']
          : random.chance(0.1)
            ? ['member', 'animation-committee']
            : ['member'],
      // Coordinators are employees of the association, not voting members.
      votingRights: profession !== 'coordinator',
    },
    availability: demoAvailability(profession, status, random),
    consent: [
      { purpose: 'directory-listing', givenAt: `${memberSince}T09:00:00.000Z` },
      ...(random.chance(0.85)
        ? [{ purpose: 'shift-broadcasts' as const, givenAt: `${memberSince}T09:00:00.000Z` }]
        : []),
      ...(random.chance(0.6)
        ? [{ purpose: 'newsletter' as const, givenAt: `${memberSince}T09:00:00.000Z` }]
        : []),
    ],
  };
}

/** An RPPS in the ANS test range 997…, with its Luhn key. */
export function demoRpps(random: { digits(count: number): string }): string {
  const body = `997${random.digits(7)}`;
  return body + luhnKey(body);
}

function demoSkills(
  profession: ProfessionCode,
  isGp: boolean,
  random: DemoRandom,
): MemberRegistration['skills'] {
  const skills: { code: SkillCode; trainedOn?: string }[] = [];
  const add = (code: SkillCode, p: number, trainedBetween?: [string, string]): void => {
    if (random.chance(p))
      skills.push(trainedBetween ? { code, trainedOn: random.date(...trainedBetween) } : { code });
  };
  const covidTraining: [string, string] = ['2020-10-01', '2021-06-30'];
  switch (profession) {
    case 'doctor':
      add('can-vaccinate', isGp ? 0.92 : 0.7);
      add('antigen-test', 0.3, covidTraining);
      add('icope-screening', 0.15, ['2021-09-01', '2025-06-30']);
      add('snp-regulation', isGp ? 0.45 : 0);
      add('etp', 0.1, ['2018-01-01', '2025-06-30']);
      add('teleconsultation', 0.4);
      add('case-conference-lead', 0.08);
      break;
    case 'nurse':
      add('can-vaccinate', 0.95);
      add('vaccine-preparation', 0.5, ['2021-01-01', '2021-12-31']);
      add('antigen-test', 0.4, covidTraining);
      add('pcr-sampling', 0.3, covidTraining);
      add('icope-screening', 0.2, ['2021-09-01', '2025-06-30']);
      add('etp', 0.15, ['2018-01-01', '2025-06-30']);
      add('first-aid', 0.3, ['2019-01-01', '2025-10-31']);
      break;
    case 'pharmacist':
      add('can-vaccinate', 0.8);
      add('vaccine-preparation', 0.6, ['2021-01-01', '2021-12-31']);
      add('antigen-test', 0.7, covidTraining);
      break;
    case 'midwife':
      add('can-vaccinate', 0.9);
      add('etp', 0.25, ['2018-01-01', '2025-06-30']);
      break;
    case 'physiotherapist':
      add('antigen-test', 0.2, covidTraining);
      add('icope-screening', 0.2, ['2021-09-01', '2025-06-30']);
      break;
    case 'dietitian':
    case 'psychologist':
      add('etp', 0.6, ['2018-01-01', '2025-06-30']);
      break;
    case 'volunteer':
      // The observation quarter-hour after an injection was used for ICOPE screening.
      skills.push({ code: 'icope-screening', trainedOn: random.date('2021-03-01', '2021-05-31') });
      add('first-aid', 0.5, ['2019-01-01', '2025-10-31']);
      break;
    default:
      add('first-aid', 0.2, ['2019-01-01', '2025-10-31']);
  }
  return skills;
}

const HALF_DAYS: readonly { start: string; end: string; band: TimeBand }[] = [
  { start: '08:00', end: '12:00', band: 'morning' },
  { start: '14:00', end: '18:00', band: 'afternoon' },
  { start: '18:00', end: '20:00', band: 'evening' },
];

function demoAvailability(
  profession: ProfessionCode,
  status: string,
  random: DemoRandom,
): Availability {
  if (profession === 'coordinator') return { weekly: [], exceptions: [] };
  const slotsWanted =
    status === 'retired'
      ? random.int(2, 4)
      : profession === 'doctor' || profession === 'nurse'
        ? random.int(1, 3)
        : random.int(0, 2);
  const weekly: WeeklySlot[] = [];
  for (let i = 0; i < slotsWanted * 3 && weekly.length < slotsWanted; i++) {
    const weekday = (random.chance(0.15) ? 6 : random.int(1, 5)) as Weekday;
    const halfDay =
      weekday === 6 ? (HALF_DAYS[0] as (typeof HALF_DAYS)[number]) : random.pick(HALF_DAYS);
    if (weekly.some((s) => s.weekday === weekday && s.start === halfDay.start)) continue;
    const slot: WeeklySlot = {
      weekday,
      start: halfDay.start,
      end: halfDay.end,
      bands: [halfDay.band],
    };
    if (random.chance(0.3)) slot.sites = [random.pick(SITES).id];
    weekly.push(slot);
  }
  weekly.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  const exceptions: Availability['exceptions'] = [];
  if (random.chance(0.55)) {
    const start = random.date('2026-07-04', '2026-08-15');
    const end = new Date(Date.parse(`${start}T00:00:00Z`) + 13 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    exceptions.push({ kind: 'unavailable', from: start, to: end, reason: 'congés d’été' });
  }
  if (random.chance(0.15)) {
    const day = random.date('2026-10-01', '2026-10-31');
    exceptions.push({
      kind: 'available',
      from: day,
      to: day,
      start: '08:00',
      end: '13:00',
      reason: 'campagne de vaccination',
    });
  }
  const preferredBands = [...new Set(weekly.flatMap((s) => s.bands ?? []))];
  return {
    weekly,
    exceptions,
    ...(random.chance(0.8)
      ? { monthlyShiftCap: status === 'retired' ? random.int(4, 8) : random.int(1, 4) }
      : {}),
    ...(random.chance(0.3) ? { preferredSites: [random.pick(SITES).id] } : {}),
    ...(preferredBands.length > 0 ? { preferredBands } : {}),
  };
}

function assignBoard(members: MemberRegistration[]): void {
  const taken = new Set<MemberRegistration>();
  for (const [office, profession] of BOARD) {
    const member = members.find(
      (m) =>
        m.profession.code === profession &&
        !taken.has(m) &&
        m.practice.status === 'active' &&
        m.association.votingRights,
    );
    if (!member) throw new Error(`no ${profession} for the ${office} office`);
    taken.add(member);
    member.association.roles = [
      'member',
      office,
      ...(office === 'board-member' ? [] : ['animation-committee' as const]),
    ];
  }
}
