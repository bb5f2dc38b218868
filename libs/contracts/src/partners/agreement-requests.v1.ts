import { defineRequest } from '../common/contract';
import {
  AgreementIdV1,
  AgreementListV1,
  AgreementViewV1,
  CreateAgreementV1,
  ListAgreementsV1,
} from './agreement-profile';

export const CreateAgreement = defineRequest<CreateAgreementV1, AgreementViewV1>(
  'partners.agreement.create.v1',
  CreateAgreementV1,
);
export const GetAgreement = defineRequest<AgreementIdV1, AgreementViewV1>(
  'partners.agreement.get.v1',
  AgreementIdV1,
);
export const ListAgreements = defineRequest<ListAgreementsV1, AgreementListV1>(
  'partners.agreement.list.v1',
  ListAgreementsV1,
);
/** Starts an agreement before its start date (brought forward to today). */
export const ActivateAgreement = defineRequest<AgreementIdV1, AgreementViewV1>(
  'partners.agreement.activate.v1',
  AgreementIdV1,
);
/** Ends an agreement now, before its term: its lent staff leave the pool. */
export const EndAgreement = defineRequest<AgreementIdV1, AgreementViewV1>(
  'partners.agreement.end.v1',
  AgreementIdV1,
);
