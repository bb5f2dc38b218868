import type { AgreementViewV1 } from '@maillage/contracts';
import { AgreementClauseEntity, AgreementEntity } from './agreement.entity';

export function toAgreementView(
  agreement: AgreementEntity,
  partnerName: string,
  clauses: AgreementClauseEntity[],
): AgreementViewV1 {
  return {
    agreementId: agreement.id,
    tenantId: agreement.tenantId,
    partnerId: agreement.partnerId,
    partnerName,
    purpose: agreement.purpose,
    ...(agreement.signedOn ? { signedOn: agreement.signedOn } : {}),
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    status: agreement.status,
    ...(agreement.activatedAt ? { activatedAt: agreement.activatedAt.toISOString() } : {}),
    ...(agreement.endedAt ? { endedAt: agreement.endedAt.toISOString() } : {}),
    clauses: [...clauses]
      .sort((a, b) => a.position - b.position)
      .map((clause) => ({
        clauseId: clause.id,
        type: clause.type,
        ...(clause.summary ? { summary: clause.summary } : {}),
        ...(clause.staffTerms ? { staffMadeAvailable: clause.staffTerms } : {}),
      })),
  };
}
