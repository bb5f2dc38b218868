import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, QueryFailedError } from 'typeorm';
import {
  AddPartnerContact,
  AddPartnerContactV1,
  GetPartner,
  ListPartners,
  ListPartnersV1,
  PartnerContactInputV1,
  PartnerContactViewV1,
  PartnerIdV1,
  PartnerListV1,
  PartnerViewV1,
  ProblemError,
  RegisterPartner,
  RegisterPartnerV1,
  UpdatePartnerSectors,
  UpdatePartnerSectorsV1,
} from '@maillage/contracts';
import { checkFiness, checkInseeCommune, checkRpps, checkSiret } from '@maillage/identifiers';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { actingPartnerId, hasLiveAgreement, isLinkedToTenant, requireRole } from './partner-access';
import { PartnerContactEntity, PartnerEntity } from './partner.entity';
import { toContactView, toPartnerView } from './partner.mapper';

// The contract validated these; the checks give back the stored form (no spaces, upper case).
const normalised = (
  check: { valid: true; value: string } | { valid: false; reason: string },
  raw: string,
): string => (check.valid ? check.value : raw);
const siretOf = (raw: string): string => normalised(checkSiret(raw), raw);
const communesOf = (raw: string[]): string[] => [
  ...new Set(raw.map((c) => normalised(checkInseeCommune(c), c))),
];

/** The directory of partners every CPTS shares: one entry per SIRET. */
@Injectable()
export class PartnerDirectoryService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(RegisterPartner)
  async register(body: RegisterPartnerV1, context: RequestContext): Promise<PartnerViewV1> {
    requireRole(context.actor, ['coordinator'], 'registering a partner');
    const siret = siretOf(body.siret);
    try {
      return await this.unitOfWork.run(context, async (tx) => {
        const partners = tx.manager.getRepository(PartnerEntity);
        const existing = await partners.findOneBy({ siret });
        if (existing) throw duplicateSiret(siret, existing.id);
        const now = new Date();
        const partner = partners.create({
          id: randomUUID(),
          kind: body.kind,
          name: body.name.trim(),
          siret,
          finess: body.finess ? normalised(checkFiness(body.finess), body.finess) : null,
          sectors: communesOf(body.sectors),
          registeredByTenant: context.tenantId,
          registeredAt: now,
          updatedAt: now,
        });
        await partners.insert(partner);
        const contacts = (body.contacts ?? []).map((c) => newContact(partner.id, c, now));
        if (contacts.length) await tx.manager.getRepository(PartnerContactEntity).insert(contacts);
        return toPartnerView(partner, contacts);
      });
    } catch (error) {
      // two coordinators registering the same SIRET at once: the unique index decides
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string })?.code === '23505'
      )
        throw duplicateSiret(siret);
      throw error;
    }
  }

  @OnRequest(GetPartner)
  async get(query: PartnerIdV1, context: RequestContext): Promise<PartnerViewV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const partner = await this.visiblePartner(manager, query.partnerId, context);
      return toPartnerView(partner, await this.sharedContacts(manager, partner, context));
    });
  }

  @OnRequest(ListPartners)
  async list(query: ListPartnersV1, context: RequestContext): Promise<PartnerListV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const repository = manager.getRepository(PartnerEntity);
      const own = actingPartnerId(context.actor);
      let partners: PartnerEntity[];
      if (own) {
        partners = await repository.findBy({ id: own });
      } else if (query.siret) {
        partners = await repository.findBy({ siret: siretOf(query.siret) });
      } else {
        requireRole(context.actor, ['coordinator', 'scheduler', 'member'], 'listing partners');
        const ids: { id: string }[] = await manager.query(
          `SELECT p.id FROM "partners".partners p WHERE p.registered_by_tenant = $1
             OR EXISTS (SELECT 1 FROM "partners".agreements a WHERE a.partner_id = p.id AND a.tenant_id = $1)`,
          [context.tenantId],
        );
        partners = ids.length
          ? await repository.find({
              where: { id: In(ids.map((r) => r.id)) },
              order: { name: 'ASC' },
            })
          : [];
      }
      const views: PartnerViewV1[] = [];
      for (const partner of partners)
        views.push(toPartnerView(partner, await this.sharedContacts(manager, partner, context)));
      return { partners: views };
    });
  }

  @OnRequest(UpdatePartnerSectors)
  async updateSectors(
    body: UpdatePartnerSectorsV1,
    context: RequestContext,
  ): Promise<PartnerViewV1> {
    return this.unitOfWork.run(context, async (tx) => {
      const partner = await this.editablePartner(tx.manager, body.partnerId, context);
      partner.sectors = communesOf(body.sectors);
      partner.updatedAt = new Date();
      await tx.manager
        .getRepository(PartnerEntity)
        .update({ id: partner.id }, { sectors: partner.sectors, updatedAt: partner.updatedAt });
      return toPartnerView(
        partner,
        await tx.manager.getRepository(PartnerContactEntity).findBy({ partnerId: partner.id }),
      );
    });
  }

  @OnRequest(AddPartnerContact)
  async addContact(
    body: AddPartnerContactV1,
    context: RequestContext,
  ): Promise<PartnerContactViewV1> {
    return this.unitOfWork.run(context, async (tx) => {
      const partner = await this.editablePartner(tx.manager, body.partnerId, context);
      const contact = newContact(partner.id, body.contact, new Date());
      await tx.manager.getRepository(PartnerContactEntity).insert(contact);
      return toContactView(contact);
    });
  }

  /** A partner user sees its own entry only; the CPTS side sees the whole directory. */
  private async visiblePartner(
    manager: EntityManager,
    partnerId: string,
    context: RequestContext,
  ): Promise<PartnerEntity> {
    const own = actingPartnerId(context.actor);
    const partner =
      own && own !== partnerId
        ? null
        : await manager.getRepository(PartnerEntity).findOneBy({ id: partnerId });
    if (!partner) throw ProblemError.notFound(`no partner ${partnerId}`);
    if (!own)
      requireRole(context.actor, ['coordinator', 'scheduler', 'member'], 'reading a partner');
    return partner;
  }

  /** Contacts are personal data: shown to the partner itself and to CPTS that registered or signed with it. */
  private async sharedContacts(
    manager: EntityManager,
    partner: PartnerEntity,
    context: RequestContext,
  ): Promise<PartnerContactEntity[]> {
    const shared =
      actingPartnerId(context.actor) === partner.id ||
      partner.registeredByTenant === context.tenantId ||
      (await hasLiveAgreement(manager, context.tenantId, partner.id));
    return shared
      ? manager
          .getRepository(PartnerContactEntity)
          .find({ where: { partnerId: partner.id }, order: { lastName: 'ASC' } })
      : [];
  }

  /** The partner's own users, or a coordinator of a CPTS linked to it, keep its sectors and contacts. */
  private async editablePartner(
    manager: EntityManager,
    partnerId: string,
    context: RequestContext,
  ): Promise<PartnerEntity> {
    const partner = await this.visiblePartner(manager, partnerId, context);
    if (actingPartnerId(context.actor) === partner.id) return partner;
    requireRole(context.actor, ['coordinator'], 'changing a partner');
    if (!(await isLinkedToTenant(manager, context.tenantId, partner.id))) {
      throw ProblemError.forbidden(
        'only the partner or a CPTS that registered or signed with it may change it',
      );
    }
    await manager.query(`SELECT 1 FROM "partners".partners WHERE id = $1 FOR UPDATE`, [partner.id]);
    return partner;
  }
}

function newContact(
  partnerId: string,
  input: PartnerContactInputV1,
  now: Date,
): PartnerContactEntity {
  return Object.assign(new PartnerContactEntity(), {
    id: randomUUID(),
    partnerId,
    lastName: input.lastName.trim(),
    firstName: input.firstName.trim(),
    role: input.role,
    rpps: input.rpps ? normalised(checkRpps(input.rpps), input.rpps) : null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    communes: communesOf(input.communes ?? []),
    companySirets: [...new Set((input.companySirets ?? []).map(siretOf))],
    createdAt: now,
  });
}

function duplicateSiret(siret: string, partnerId?: string): ProblemError {
  return ProblemError.conflict('a partner with this SIRET is already in the directory', [
    {
      field: 'siret',
      reason: `SIRET ${siret} is already registered${partnerId ? ` as partner ${partnerId}` : ''}`,
    },
  ]);
}
