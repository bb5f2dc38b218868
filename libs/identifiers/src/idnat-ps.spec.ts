import { isProSanteConnectSandboxIssuer, parseIdNatPs, toIdNatPs } from './idnat-ps';

describe('idNat_PS / Pro Santé Connect SubjectNameID', () => {
  it('strips the leading 8 to get the RPPS', () => {
    expect(parseIdNatPs('899700218896')).toEqual({
      valid: true,
      id: { kind: 'RPPS', value: '99700218896', idNatPs: '899700218896' },
    });
  });
  it('strips the leading 0 to get the ADELI', () => {
    expect(parseIdNatPs('0261234567')).toEqual({
      valid: true,
      id: { kind: 'ADELI', value: '261234567', idNatPs: '0261234567' },
    });
  });
  it('refuses 8 + an RPPS whose key is wrong', () => {
    const r = parseIdNatPs('810101201234');
    expect(r.valid).toBe(false);
    expect(!r.valid && r.reason).toContain('RPPS key digit is wrong');
  });
  it('refuses a sandbox identity when no sandbox issuer is configured', () => {
    const r = parseIdNatPs('ANS20231122132732');
    expect(r).toEqual({ valid: false, reason: expect.stringContaining('neither 8 + RPPS') });
  });
  it('accepts a sandbox identity when a sandbox issuer is configured', () => {
    expect(parseIdNatPs('ANS20231122132732', { sandboxIssuerConfigured: true })).toEqual({
      valid: true,
      id: { kind: 'SANDBOX', value: 'ANS20231122132732', idNatPs: 'ANS20231122132732' },
    });
  });
  it('still reads a real RPPS as RPPS under a sandbox issuer', () => {
    const r = parseIdNatPs('899700218896', { sandboxIssuerConfigured: true });
    expect(r.valid && r.id.kind).toBe('RPPS');
  });
  it.each(['99700218896', '7997002188960', '', 'ANS 2023'])('refuses %p in production', (v) => {
    expect(parseIdNatPs(v).valid).toBe(false);
  });
  it('refuses junk even under a sandbox issuer', () => {
    expect(parseIdNatPs('ANS 2023/x', { sandboxIssuerConfigured: true }).valid).toBe(false);
    expect(parseIdNatPs(undefined, { sandboxIssuerConfigured: true }).valid).toBe(false);
  });
  it('recognises the sandbox issuer by host', () => {
    expect(
      isProSanteConnectSandboxIssuer(
        'https://auth.bas.psc.esante.gouv.fr/auth/realms/esante-wallet',
      ),
    ).toBe(true);
    expect(
      isProSanteConnectSandboxIssuer('https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet'),
    ).toBe(false);
    expect(isProSanteConnectSandboxIssuer('not a url')).toBe(false);
  });
  it('builds the idNat_PS back', () => {
    expect(toIdNatPs('RPPS', '99700218896')).toBe('899700218896');
    expect(toIdNatPs('ADELI', '261234567')).toBe('0261234567');
  });
});
