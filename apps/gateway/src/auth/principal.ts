import { NationalIdKind, Role } from '@maillage/contracts';

/** The verified caller of a request. */
export interface Principal {
  subject: string;
  issuer: string;
  /** roles per tenant (a CPTS id) carried by the token itself */
  tenants: Record<string, Role[]>;
  /** a platform operator may act on every tenant */
  operator: boolean;
  memberId?: string;
  partnerId?: string;
  /**
   * set for Pro Santé Connect sign-ins: the professional's national
   * identifier; membership says who they are in each tenant
   */
  nationalId?: { kind: NationalIdKind; value: string };
}

/** Claims Maillage reads in a bearer token, besides the standard ones. */
export const CLAIMS = {
  tenants: 'maillage_tenants',
  operator: 'maillage_operator',
  memberId: 'maillage_member_id',
  partnerId: 'maillage_partner_id',
} as const;

/** The Pro Santé Connect claim naming the professional (idNat_PS: `8` + RPPS or `0` + ADELI). */
export const PSC_NATIONAL_ID_CLAIM = 'SubjectNameID';
