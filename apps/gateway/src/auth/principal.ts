import { Role } from '@maillage/contracts';

/** The verified caller of a request. */
export interface Principal {
  subject: string;
  issuer: string;
  /** roles per tenant (a CPTS id) */
  tenants: Record<string, Role[]>;
  /** a platform operator may act on every tenant */
  operator: boolean;
  memberId?: string;
  partnerId?: string;
}

/** Claims Maillage reads in a bearer token, besides the standard ones. */
export const CLAIMS = {
  tenants: 'maillage_tenants',
  operator: 'maillage_operator',
  memberId: 'maillage_member_id',
  partnerId: 'maillage_partner_id',
} as const;
