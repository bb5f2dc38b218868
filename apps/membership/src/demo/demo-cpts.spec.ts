import { isAdeli, isKnownCommune, isRpps } from '@maillage/identifiers';
import { isAvailable } from '../availability/availability';
import { checkMemberRegistration } from '../members/member-rules';
import { demoRpps, generateDemoCpts } from './demo-cpts';

describe('generateDemoCpts', () => {
  const cpts = generateDemoCpts();
  const count = (predicate: (m: (typeof cpts.members)[number]) => boolean): number =>
    cpts.members.filter(predicate).length;
  const gps = cpts.members.filter(
    (m) => m.profession.code === 'doctor' && m.profession.specialty === 'general-practice',
  );
  const nurses = cpts.members.filter((m) => m.profession.code === 'nurse');

  it('is deterministic for a seed and changes with it', () => {
    expect(generateDemoCpts()).toEqual(cpts);
    expect(generateDemoCpts({ seed: 26 })).toEqual(cpts);
    expect(generateDemoCpts({ seed: 7 }).members.map((m) => m.identity)).not.toEqual(
      cpts.members.map((m) => m.identity),
    );
  });

  it('covers 12 real communes of the Drôme with their EPCI', () => {
    expect(cpts.name).toBe('CPTS Sud-Valence');
    expect(cpts.communes).toHaveLength(12);
    expect(new Set(cpts.communes.map((c) => c.code)).size).toBe(12);
    for (const c of cpts.communes) {
      expect(isKnownCommune(c.code)).toBe(true);
      expect(c.departmentCode).toBe('26');
      expect(c.epciCode).toMatch(/^\d{9}$/);
    }
    expect(cpts.communes.find((c) => c.code === '26362')).toMatchObject({
      name: 'Valence',
      epciName: 'CA Valence Romans Agglo',
    });
    expect(new Set(cpts.communes.map((c) => c.epciCode)).size).toBeGreaterThanOrEqual(2);
  });

  it('has the Sud-Valence head count', () => {
    expect(gps).toHaveLength(85);
    expect(nurses).toHaveLength(80);
    const others =
      count((m) => !['nurse', 'coordinator', 'volunteer'].includes(m.profession.code)) - gps.length;
    expect(others).toBe(40);
    expect(count((m) => m.profession.code === 'coordinator')).toBeGreaterThanOrEqual(1);
    expect(count((m) => m.profession.code === 'volunteer')).toBeGreaterThanOrEqual(3);
    expect(
      count((m) => m.practice.status === 'retired' && m.profession.code === 'doctor'),
    ).toBeGreaterThan(0);
  });

  it('gives every registration that passes the member rules', () => {
    const failures = cpts.members
      .map((m, i) => ({ i, errors: checkMemberRegistration(m, { today: '2026-01-01' }) }))
      .filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
  });

  it('uses valid and unique RPPS (test range) or ADELI numbers', () => {
    const values = cpts.members
      .filter((m) => m.identifier.kind !== 'NONE')
      .map((m) => m.identifier.value);
    expect(new Set(values).size).toBe(values.length);
    for (const m of cpts.members) {
      if (m.identifier.kind === 'RPPS') {
        expect(isRpps(m.identifier.value)).toBe(true);
        expect(m.identifier.value).toMatch(/^997/);
      }
      if (m.identifier.kind === 'ADELI') expect(isAdeli(m.identifier.value)).toBe(true);
    }
    expect(nurses.some((m) => m.identifier.kind === 'ADELI')).toBe(true);
    expect(nurses.some((m) => m.identifier.kind === 'RPPS')).toBe(true);
    expect(gps.every((m) => m.identifier.kind === 'RPPS' || m.practice.status === 'student')).toBe(
      true,
    );
  });

  it('builds RPPS numbers whose key is right', () => {
    expect(demoRpps({ digits: () => '0021889' })).toBe('99700218896');
  });

  it('uses unique fictitious emails and phones', () => {
    const emails = cpts.members.map((m) => m.identity.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => e.endsWith('.example'))).toBe(true);
    expect(
      cpts.members.every((m) => /^(06 39 98|04 65 71) \d{2} \d{2}$/.test(m.identity.phone ?? '')),
    ).toBe(true);
  });

  it('lets most GPs and nurses vaccinate and trains some for antigen tests and ICOPE', () => {
    const can = (list: typeof gps) =>
      list.filter((m) => m.skills.some((s) => s.code === 'can-vaccinate')).length / list.length;
    expect(can(gps)).toBeGreaterThan(0.8);
    expect(can(nurses)).toBeGreaterThan(0.85);
    expect(count((m) => m.skills.some((s) => s.code === 'antigen-test'))).toBeGreaterThan(10);
    expect(count((m) => m.skills.some((s) => s.code === 'icope-screening'))).toBeGreaterThan(10);
    expect(
      cpts.members
        .filter((m) => m.profession.code === 'volunteer')
        .every((m) => m.skills.some((s) => s.code === 'icope-screening')),
    ).toBe(true);
  });

  it('has a board of 10 with one president, all voting', () => {
    const board = cpts.members.filter((m) =>
      m.association.roles.some((r) =>
        ['president', 'vice-president', 'treasurer', 'secretary', 'board-member'].includes(r),
      ),
    );
    expect(board).toHaveLength(10);
    expect(count((m) => m.association.roles.includes('president'))).toBe(1);
    expect(board.every((m) => m.association.votingRights)).toBe(true);
  });

  it('gives weekly availability patterns and monthly caps usable by isAvailable', () => {
    expect(count((m) => m.availability.weekly.length > 0)).toBeGreaterThan(150);
    expect(count((m) => m.availability.monthlyShiftCap !== undefined)).toBeGreaterThan(100);
    // Someone is free on a winter Monday morning 08:00–12:00 Paris time.
    const monday = cpts.members.filter((m) =>
      isAvailable(
        m.availability,
        new Date('2026-01-05T07:00:00Z'),
        new Date('2026-01-05T11:00:00Z'),
      ),
    );
    expect(monday.length).toBeGreaterThan(5);
    expect(
      monday.every((m) =>
        m.availability.weekly.some(
          (s) => s.weekday === 1 && s.start <= '08:00' && s.end >= '12:00',
        ),
      ),
    ).toBe(true);
  });
});
