import {
  DOCTOR_SPECIALTY_CODES,
  DOCTOR_SPECIALTY_LABELS,
  parseProfessionLabel,
  PROFESSION_CODES,
  PROFESSIONS,
  professionFromLabel,
  professionFromPscCode,
  professionLabel,
  SKILL_CODES,
  skillFromLabel,
  SKILLS,
} from './profession';

describe('professions', () => {
  it('describes every code, under its own code', () => {
    for (const code of PROFESSION_CODES) expect(PROFESSIONS[code].code).toBe(code);
    expect(Object.keys(PROFESSIONS).sort()).toEqual([...PROFESSION_CODES].sort());
  });
  it('has French labels', () => {
    expect(PROFESSIONS.nurse.label).toBe('Infirmier');
    expect(PROFESSIONS.physiotherapist.label).toBe('Masseur-kinésithérapeute');
    expect(professionLabel('doctor', 'general-practice')).toBe('Médecin — Médecine générale');
    expect(professionLabel('nurse')).toBe('Infirmier');
  });
  it('requires RPPS for doctors, midwives, pharmacists, dentists, physiotherapists', () => {
    for (const code of ['doctor', 'midwife', 'pharmacist', 'dentist', 'physiotherapist'] as const) {
      expect(PROFESSIONS[code].identifiers).toEqual(['RPPS']);
    }
  });
  it('still accepts ADELI for nurses and psychologists, and no identifier for non-health members', () => {
    expect(PROFESSIONS.nurse.identifiers).toContain('ADELI');
    expect(PROFESSIONS.psychologist.identifiers[0]).toBe('ADELI');
    expect(PROFESSIONS.coordinator.identifiers).toEqual([]);
    expect(PROFESSIONS.volunteer.identifiers).toEqual([]);
    expect(PROFESSIONS.volunteer.category).toBe('non-health');
  });
  it('maps Pro Santé Connect profession codes', () => {
    expect(professionFromPscCode('10')).toBe('doctor');
    expect(professionFromPscCode('60')).toBe('nurse');
    expect(professionFromPscCode('99')).toBeUndefined();
    const codes = PROFESSION_CODES.map((c) => PROFESSIONS[c].pscProfessionCode).filter(Boolean);
    expect(new Set(codes).size).toBe(codes.length);
  });
  it('reads what coordinators type', () => {
    expect(professionFromLabel('Infirmière')).toBe('nurse');
    expect(professionFromLabel('IDEL')).toBe('nurse');
    expect(professionFromLabel('Kiné')).toBe('physiotherapist');
    expect(professionFromLabel('Sage-femme')).toBe('midwife');
    expect(professionFromLabel('speech-therapist')).toBe('speech-therapist');
    expect(professionFromLabel('Masseur-kinésithérapeute')).toBe('physiotherapist');
    expect(professionFromLabel('Astronaute')).toBeUndefined();
  });
  it('reads a doctor with specialty', () => {
    expect(parseProfessionLabel('Médecin généraliste')).toEqual({
      code: 'doctor',
      specialty: 'general-practice',
    });
    expect(parseProfessionLabel('Pédiatrie')).toEqual({ code: 'doctor', specialty: 'paediatrics' });
    expect(parseProfessionLabel('Médecin cardiologie')).toEqual({
      code: 'doctor',
      specialty: 'cardiology',
    });
    expect(parseProfessionLabel('Pharmacienne')).toEqual({ code: 'pharmacist' });
    expect(parseProfessionLabel('??')).toBeUndefined();
  });
  it('labels every specialty', () => {
    for (const code of DOCTOR_SPECIALTY_CODES) expect(DOCTOR_SPECIALTY_LABELS[code]).toMatch(/\S/);
  });
});

describe('skills', () => {
  it('describes every code with a French label', () => {
    for (const code of SKILL_CODES) expect(SKILLS[code].code).toBe(code);
    expect(SKILLS['can-vaccinate'].label).toBe('Vaccination');
  });
  it('opens vaccination to doctors, nurses, pharmacists and midwives only', () => {
    expect(SKILLS['can-vaccinate'].professions).toEqual([
      'doctor',
      'nurse',
      'pharmacist',
      'midwife',
    ]);
    expect(SKILLS['icope-screening'].professions).toBeUndefined();
  });
  it('reads skills from labels and codes', () => {
    expect(skillFromLabel('Vaccination')).toBe('can-vaccinate');
    expect(skillFromLabel('ICOPE')).toBe('icope-screening');
    expect(skillFromLabel('etp')).toBe('etp');
    expect(skillFromLabel('antigen test')).toBe('antigen-test');
    expect(skillFromLabel('Test antigénique')).toBe('antigen-test');
    expect(skillFromLabel('AFGSU')).toBe('first-aid');
    expect(skillFromLabel('danse')).toBeUndefined();
  });
});
