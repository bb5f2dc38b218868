import { checkAdeli } from './adeli';
import { checkRpps } from './rpps';

/** Sandbox host of Pro Santé Connect; its test identities are not RPPS-shaped. */
export const PSC_SANDBOX_HOSTS: readonly string[] = ['auth.bas.psc.esante.gouv.fr'];

export function isProSanteConnectSandboxIssuer(issuer: string): boolean {
  try {
    return PSC_SANDBOX_HOSTS.includes(new URL(issuer).hostname);
  } catch {
    return false;
  }
}

export type ProfessionalId =
  | { readonly kind: 'RPPS'; readonly value: string; readonly idNatPs: string }
  | { readonly kind: 'ADELI'; readonly value: string; readonly idNatPs: string }
  | { readonly kind: 'SANDBOX'; readonly value: string; readonly idNatPs: string };

export type ProfessionalIdCheck =
  | { readonly valid: true; readonly id: ProfessionalId }
  | { readonly valid: false; readonly reason: string };

export interface IdNatPsOptions {
  /** True only when the configured OIDC issuer is a Pro Santé Connect sandbox. */
  readonly sandboxIssuerConfigured?: boolean;
}

/**
 * Reads a national professional identifier (idNat_PS, the Pro Santé Connect
 * `SubjectNameID`): `8` + RPPS (12 chars) or `0` + ADELI (10 chars). Identify
 * people by this claim, never by `sub`.
 */
export function parseIdNatPs(raw: unknown, options: IdNatPsOptions = {}): ProfessionalIdCheck {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { valid: false, reason: 'professional identifier (SubjectNameID) is missing' };
  const idNatPs = raw.trim();
  if (/^8\d{11}$/.test(idNatPs)) {
    const rpps = checkRpps(idNatPs.slice(1));
    if (rpps.valid) return { valid: true, id: { kind: 'RPPS', value: rpps.value, idNatPs } };
    if (!options.sandboxIssuerConfigured)
      return { valid: false, reason: `identifier ${idNatPs} starts with 8 but ${rpps.reason}` };
  } else if (/^0[0-9A-Z]{9}$/i.test(idNatPs)) {
    const adeli = checkAdeli(idNatPs.slice(1));
    if (adeli.valid) return { valid: true, id: { kind: 'ADELI', value: adeli.value, idNatPs } };
    if (!options.sandboxIssuerConfigured)
      return { valid: false, reason: `identifier ${idNatPs} starts with 0 but ${adeli.reason}` };
  }
  if (options.sandboxIssuerConfigured && /^[A-Za-z0-9]{1,64}$/.test(idNatPs)) {
    return { valid: true, id: { kind: 'SANDBOX', value: idNatPs, idNatPs } };
  }
  return {
    valid: false,
    reason: `identifier ${idNatPs} is neither 8 + RPPS (12 characters) nor 0 + ADELI (10 characters)`,
  };
}

/** The idNat_PS of an RPPS or ADELI number. */
export function toIdNatPs(kind: 'RPPS' | 'ADELI', value: string): string {
  return (kind === 'RPPS' ? '8' : '0') + value;
}
