import { validateSync } from 'class-validator';
import { IsAdeli, IsFiness, IsInseeCommune, IsRpps, IsSiren, IsSiret } from './decorators';

class Registration {
  @IsRpps() rpps: unknown;
  @IsAdeli() adeli: unknown;
  @IsSiret() siret: unknown;
  @IsSiren() siren: unknown;
  @IsFiness() finess: unknown;
  @IsInseeCommune() commune: unknown;
  @IsInseeCommune({}, { each: true }) communes: unknown;
  @IsInseeCommune({ acceptFormerCodes: true }) legacyCommune: unknown;
}

const valid = {
  rpps: '10005173140',
  adeli: '261234567',
  siret: '73282932000074',
  siren: '732829320',
  finess: '010003820',
  commune: '65440',
  communes: ['26362', '26252'],
  legacyCommune: '01340',
};

function messages(
  values: Partial<typeof valid> | Record<string, unknown>,
): Record<string, string[]> {
  const dto = Object.assign(new Registration(), valid, values);
  return Object.fromEntries(
    validateSync(dto).map((e) => [e.property, Object.values(e.constraints ?? {})]),
  );
}

describe('class-validator decorators', () => {
  it('accept valid values', () => {
    expect(messages({})).toEqual({});
  });
  it('use the checker reason as message', () => {
    expect(
      messages({
        rpps: '10101201234',
        adeli: '2612',
        siret: '73282932000075',
        siren: '732829321',
        finess: '010003821',
        commune: '99999',
        legacyCommune: '99998',
      }),
    ).toEqual({
      rpps: ['RPPS key digit is wrong'],
      adeli: ['ADELI number must have 9 characters, got 4'],
      siret: ['SIRET key digit is wrong'],
      siren: ['SIREN key digit is wrong'],
      finess: ['FINESS key digit is wrong'],
      commune: ['unknown commune code 99999'],
      legacyCommune: ['unknown commune code 99998'],
    });
  });
  it('refuse a former commune code unless told to accept it', () => {
    expect(messages({ commune: '01340' })).toEqual({
      commune: ['commune code 01340 is a former code: use 01015 (Arboys en Bugey)'],
    });
  });
  it('name the failing element of an array', () => {
    expect(messages({ communes: ['26362', '99999'] })).toEqual({
      communes: ['communes[1]: unknown commune code 99999'],
    });
  });
  it('let a custom message win', () => {
    class Custom {
      @IsRpps({ message: 'numéro RPPS invalide' }) rpps = '1';
    }
    expect(validateSync(new Custom())[0]?.constraints).toEqual({ isRpps: 'numéro RPPS invalide' });
  });
});
