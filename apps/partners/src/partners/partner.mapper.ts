import type { PartnerContactViewV1, PartnerViewV1 } from '@maillage/contracts';
import { PartnerContactEntity, PartnerEntity } from './partner.entity';

export function toContactView(contact: PartnerContactEntity): PartnerContactViewV1 {
  return {
    contactId: contact.id,
    lastName: contact.lastName,
    firstName: contact.firstName,
    role: contact.role,
    ...(contact.rpps ? { rpps: contact.rpps } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
    communes: contact.communes,
    companySirets: contact.companySirets,
  };
}

export function toPartnerView(
  partner: PartnerEntity,
  contacts: PartnerContactEntity[],
): PartnerViewV1 {
  return {
    partnerId: partner.id,
    kind: partner.kind,
    name: partner.name,
    siret: partner.siret,
    ...(partner.finess ? { finess: partner.finess } : {}),
    sectors: partner.sectors,
    contacts: contacts.map(toContactView),
    registeredAt: partner.registeredAt.toISOString(),
  };
}
