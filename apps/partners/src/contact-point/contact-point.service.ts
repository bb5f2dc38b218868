import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  ContactPointMatchV1,
  ContactPointV1,
  FindContactPoint,
  FindContactPointV1,
} from '@maillage/contracts';
import { checkInseeCommune, checkSiret } from '@maillage/identifiers';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireRole } from '../partners/partner-access';
import { PartnerContactEntity, PartnerEntity } from '../partners/partner.entity';
import { toContactView } from '../partners/partner.mapper';

/** Who answers first when a partner has nobody named for a commune. */
const DEFAULT_ROLES = ['referent', 'coordinator', 'secretariat'];

/**
 * The single contact point: for a company (SIRET) or a commune, the right
 * person at each partner the CPTS has an agreement in force with — the
 * company's own follow-up first, then the contact for the commune, then the
 * partner's referent when the commune is only in its sectors.
 */
@Injectable()
export class ContactPointService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(FindContactPoint)
  async find(query: FindContactPointV1, context: RequestContext): Promise<ContactPointV1> {
    requireRole(context.actor, ['member', 'coordinator', 'scheduler'], 'the single contact point');
    const siret = query.siret ? checkSiret(query.siret) : undefined;
    const commune = query.commune ? checkInseeCommune(query.commune) : undefined;
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const partnerRows: { id: string }[] = await manager.query(
        `SELECT DISTINCT partner_id AS id FROM "partners".agreements WHERE tenant_id = $1 AND status <> 'ended'`,
        [context.tenantId],
      );
      if (!partnerRows.length) return { matches: [] };
      const partners = await manager.getRepository(PartnerEntity).findBy({
        id: In(partnerRows.map((r) => r.id)),
        ...(query.kind ? { kind: query.kind } : {}),
      });
      const contacts = partners.length
        ? await manager
            .getRepository(PartnerContactEntity)
            .findBy({ partnerId: In(partners.map((p) => p.id)) })
        : [];
      const matches: ContactPointMatchV1[] = [];
      const answered = new Set<string>();
      const add = (
        partner: PartnerEntity,
        matchedBy: ContactPointMatchV1['matchedBy'],
        contact?: PartnerContactEntity,
      ): void => {
        matches.push({
          partnerId: partner.id,
          partnerName: partner.name,
          partnerKind: partner.kind,
          matchedBy,
          ...(contact ? { contact: toContactView(contact) } : {}),
        });
        answered.add(partner.id);
      };
      const byName = (a: PartnerContactEntity, b: PartnerContactEntity): number =>
        a.lastName.localeCompare(b.lastName);
      for (const partner of partners) {
        const own = contacts.filter((c) => c.partnerId === partner.id).sort(byName);
        if (siret?.valid)
          own
            .filter((c) => c.companySirets.includes(siret.value))
            .forEach((c) => add(partner, 'company', c));
        if (answered.has(partner.id) || !commune?.valid) continue;
        own
          .filter((c) => c.communes.includes(commune.value))
          .forEach((c) => add(partner, 'commune', c));
        if (answered.has(partner.id) || !partner.sectors.includes(commune.value)) continue;
        const fallback = DEFAULT_ROLES.map((role) =>
          own.find((c) => c.role === role && c.communes.length === 0),
        ).find(Boolean);
        add(partner, 'sector', fallback);
      }
      const rank = { company: 0, commune: 1, sector: 2 } as const;
      matches.sort(
        (a, b) =>
          rank[a.matchedBy] - rank[b.matchedBy] || a.partnerName.localeCompare(b.partnerName),
      );
      return { matches };
    });
  }
}
