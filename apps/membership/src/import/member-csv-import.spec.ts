import { decodeCsv, importMembersCsv } from './member-csv-import';

const HEADER = 'Nom;Prénom;Profession;RPPS;ADELI;Email;Téléphone;Communes;Compétences;Statut';
const today = '2026-11-25';
const run = (csv: string | Uint8Array) => importMembersCsv(csv, { today });

describe('importMembersCsv', () => {
  it('reads a semicolon file with a BOM and French headers', () => {
    const report = run(
      `\ufeff${HEADER}\n` +
        'Martin;Claire;Médecin généraliste;10005173140;;Claire.Martin@example.fr;04 75 12 34 56;26362|26252;Vaccination|ICOPE (12/03/2025);Actif\n' +
        'Durand;Paul;Infirmier;;269912345;paul.durand@example.fr;;26362,26124;vaccination;retraité\n',
    );
    expect(report.fileErrors).toEqual([]);
    expect(report.ignoredColumns).toEqual([]);
    expect(report.lines.map((l) => [l.line, l.accepted, l.errors])).toEqual([
      [2, true, []],
      [3, true, []],
    ]);
    expect(report.accepted).toBe(2);
    expect(report.lines[0]?.registration).toMatchObject({
      identity: {
        lastName: 'Martin',
        firstName: 'Claire',
        email: 'claire.martin@example.fr',
        phone: '04 75 12 34 56',
      },
      profession: { code: 'doctor', specialty: 'general-practice' },
      identifier: { kind: 'RPPS', value: '10005173140' },
      practice: { communes: ['26362', '26252'], status: 'active', structure: { kind: 'SOLO' } },
      skills: [{ code: 'can-vaccinate' }, { code: 'icope-screening', trainedOn: '2025-03-12' }],
      association: { votingRights: false, roles: ['member'] },
    });
    expect(report.lines[1]?.registration).toMatchObject({
      identifier: { kind: 'ADELI', value: '269912345' },
      practice: { communes: ['26362', '26124'], status: 'retired' },
    });
  });

  it('reads a comma file, communes then separated by |', () => {
    const report = run(
      'Nom,Prénom,Profession,RPPS,Email,Communes\nMartin,Claire,Pharmacien,99700218896,c@example.fr,26362|26252\n',
    );
    expect(report.lines).toEqual([
      expect.objectContaining({ line: 2, accepted: true, errors: [] }),
    ]);
    expect(report.lines[0]?.registration?.practice.communes).toEqual(['26362', '26252']);
  });

  it('reports each refused line with the column at fault', () => {
    const report = run(
      `${HEADER}\n` +
        'Martin;Claire;Médecin généraliste;10101201234;;claire@example.fr;;26362|99999;;\n' +
        'Bernard;Luc;Kiné;;261234567;luc@example.fr;;26362;;\n' +
        'Petit;Anne;Coordinatrice;;;anne@example.fr;;26362;Vaccination;\n' +
        'Roux;Léa;Infirmière;;269912345;lea@example.fr;;26000;Jonglage;en vacances\n',
    );
    expect(
      report.lines.map((l) => ({ line: l.line, accepted: l.accepted, errors: l.errors })),
    ).toEqual([
      {
        line: 2,
        accepted: false,
        errors: [
          { field: 'RPPS', reason: 'RPPS key digit is wrong' },
          { field: 'Communes[1]', reason: 'unknown commune code 99999' },
        ],
      },
      {
        line: 3,
        accepted: false,
        errors: [
          { field: 'ADELI', reason: 'A physiotherapist registers with an RPPS number, not ADELI' },
        ],
      },
      {
        line: 4,
        accepted: false,
        errors: [{ field: 'Compétences[0]', reason: '"Vaccination" is not open to a coordinator' }],
      },
      {
        line: 5,
        accepted: false,
        errors: [
          { field: 'Compétences[0]', reason: 'unknown skill "Jonglage"' },
          { field: 'Statut', reason: 'unknown status "en vacances" (actif, retraité, étudiant)' },
          {
            field: 'Communes[0]',
            reason: 'unknown commune code 26000 (a postal code is not an INSEE code)',
          },
        ],
      },
    ]);
    expect(report.rejected).toBe(4);
    expect(report.lines.every((l) => l.registration === undefined)).toBe(true);
  });

  it('detects duplicate identifiers within the file', () => {
    const report = run(
      `${HEADER}\n` +
        'Martin;Claire;Médecin généraliste;10005173140;;claire@example.fr;;26362;;\n' +
        'Bernard;Luc;Infirmier;;269912345;luc@example.fr;;26362;;\n' +
        'Martin;C.;Médecin généraliste;100 0517 3140;;autre@example.fr;;26362;;\n' +
        'Bernard;L.;Infirmier;;269912345;luc2@example.fr;;26362;;\n',
    );
    expect(report.lines.map((l) => [l.line, l.accepted, l.errors])).toEqual([
      [2, true, []],
      [3, true, []],
      [4, false, [{ field: 'RPPS', reason: 'RPPS 10005173140 is already on line 2' }]],
      [5, false, [{ field: 'ADELI', reason: 'ADELI 269912345 is already on line 3' }]],
    ]);
  });

  it('maps former commune codes to the current ones and says so', () => {
    const report = run(
      `${HEADER}\nMartin;Claire;Pharmacien;99700218896;;c@example.fr;;26362|01340;;\n`,
    );
    expect(report.lines[0]).toMatchObject({
      accepted: true,
      notes: ['Communes[1]: 01340 is a former code, imported as 01015 (Arboys en Bugey)'],
      registration: { practice: { communes: ['26362', '01015'] } },
    });
  });

  it('prefers RPPS when a line has both, and notes shared emails', () => {
    const report = run(
      `${HEADER}\nRoux;Léa;Infirmière;99700218896;269912345;cabinet@example.fr;;26362;;\nRoux;Max;Infirmier;;269912346;cabinet@example.fr;;26362;;\n`,
    );
    expect(report.lines[0]?.registration?.identifier).toEqual({
      kind: 'RPPS',
      value: '99700218896',
    });
    expect(report.lines[0]?.notes).toEqual([
      'ADELI 269912345 not kept: RPPS is preferred when a member has both',
    ]);
    expect(report.lines[1]).toMatchObject({
      accepted: true,
      notes: ['email cabinet@example.fr is also on line 2 (shared mailbox?)'],
    });
  });

  it('counts physical lines across empty lines and quoted line breaks', () => {
    const report = run(
      `${HEADER}\r\n\r\n"Martin";"Claire";"Pharmacien";"99700218896";;"c@example.fr";;"26362";;\r\n"Dupont";"Jean\nPierre";"Pharmacien";"10005173140";;"j@example.fr";;"99999";;\r\n`,
    );
    expect(report.lines.map((l) => [l.line, l.accepted])).toEqual([
      [3, true],
      [4, false],
    ]);
  });

  it('refuses a file without the required columns, and lists ignored ones', () => {
    const report = run('Nom;Prénom;Couleur préférée\nMartin;Claire;bleu\n');
    expect(report.fileErrors).toEqual([
      { field: 'header', reason: 'column Profession is missing' },
      { field: 'header', reason: 'column Email is missing' },
    ]);
    expect(report.ignoredColumns).toEqual(['Couleur préférée']);
    expect(report.lines).toEqual([]);
    expect(run('').fileErrors).toEqual([{ field: 'file', reason: 'the file is empty' }]);
  });

  it('reads an Excel export in Windows-1252', () => {
    const latin1 = Uint8Array.from(
      [
        ...`Nom;Prénom;Profession;RPPS;Email;Communes\nLefèvre;Hélène;Sage-femme;99700218896;h@example.fr;26362\n`,
      ].map((c) => c.charCodeAt(0)),
    );
    expect(decodeCsv(latin1).note).toBe('file read as Windows-1252 (not UTF-8)');
    const report = run(latin1);
    expect(report.lines[0]).toMatchObject({
      accepted: true,
      registration: { identity: { lastName: 'Lefèvre', firstName: 'Hélène' } },
    });
  });

  it('reads structure columns', () => {
    const report = run(
      'Nom;Prénom;Profession;RPPS;Email;Communes;Structure;Nom de la structure\nA;B;Pharmacien;99700218896;a@example.fr;26362;MSP;\nC;D;Pharmacien;10005173140;c@example.fr;26362;Centre de santé;CDS Fontbarlettes\n',
    );
    expect(report.lines.map((l) => l.errors)).toEqual([
      [{ field: 'Nom de la structure', reason: 'the name of the MSP is required' }],
      [],
    ]);
    expect(report.lines[1]?.registration?.practice.structure).toEqual({
      kind: 'CDS',
      name: 'CDS Fontbarlettes',
    });
  });
});
