import { defineRequest } from '../common/contract';
import {
  AddPartnerContactV1,
  ListPartnersV1,
  PartnerContactViewV1,
  PartnerIdV1,
  PartnerListV1,
  PartnerViewV1,
  RegisterPartnerV1,
  UpdatePartnerSectorsV1,
} from './partner-profile';

export const RegisterPartner = defineRequest<RegisterPartnerV1, PartnerViewV1>(
  'partners.partner.register.v1',
  RegisterPartnerV1,
);
export const GetPartner = defineRequest<PartnerIdV1, PartnerViewV1>(
  'partners.partner.get.v1',
  PartnerIdV1,
);
export const ListPartners = defineRequest<ListPartnersV1, PartnerListV1>(
  'partners.partner.list.v1',
  ListPartnersV1,
);
export const UpdatePartnerSectors = defineRequest<UpdatePartnerSectorsV1, PartnerViewV1>(
  'partners.partner.update-sectors.v1',
  UpdatePartnerSectorsV1,
);
export const AddPartnerContact = defineRequest<AddPartnerContactV1, PartnerContactViewV1>(
  'partners.partner.add-contact.v1',
  AddPartnerContactV1,
);
