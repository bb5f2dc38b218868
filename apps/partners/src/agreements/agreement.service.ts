import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import {
  ActivateAgreement,
  AgreementIdV1,
  AgreementListV1,
  AgreementViewV1,
  CreateAgreement,
  CreateAgreementV1,
  EndAgreement,
  GetAgreement,
  ListAgreements,
  ListAgreementsV1,
  ProblemError,
  StaffMadeAvailableViewV1,
} from '@maillage/contracts';
import { checkRpps } from '@maillage/identifiers';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { actingPartnerId, requireRole } from '../partners/partner-access';
import { PartnerEntity } from '../partners/partner.entity';
import { AgreementClauseEntity, AgreementEntity } from './agreement.entity';
import { AgreementLifecycle } from './agreement-lifecycle';
import { toAgreementView } from './agreement.mapper';
import { agreementShapeErrors, parisDay } from './agreement-rules';

/** Conventions between a CPTS and its partners: recorded once signed, started and ended by date or by hand. */
@Injectable()
export class AgreementService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly lifecycle: AgreementLifecycle,
  ) {}

  @OnRequest(CreateAgreement)
  async create(body: CreateAgreementV1, context: RequestContext): Promise<AgreementViewV1> {
    requireRole(context.actor, ['coordinator'], 'recording an agreement');
    const now = new Date();
    const today = parisDay(now);
    const errors = agreementShapeErrors(body);
    if (body.endsOn < today)
      errors.push({ field: 'endsOn', reason: `the agreement ended before today (${today})` });
    if (errors.length) throw ProblemError.badRequest(errors);

    return this.unitOfWork.run(context, async (tx) => {
      const partner = await tx.manager
        .getRepository(PartnerEntity)
        .findOneBy({ id: body.partnerId });
      if (!partner)
        throw ProblemError.badRequest([
          { field: 'partnerId', reason: `no partner ${body.partnerId} in the directory` },
        ]);
      await this.lifecycle.lockPair(tx.manager, context.tenantId, partner.id);
      await this.lifecycle.refuseOverlaps(tx.manager, {
        ...body,
        tenantId: context.tenantId,
        partnerId: partner.id,
      });

      const agreement = Object.assign(new AgreementEntity(), {
        id: randomUUID(),
        tenantId: context.tenantId,
        partnerId: partner.id,
        purpose: body.purpose.trim(),
        signedOn: body.signedOn ?? null,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        status: 'signed',
        activatedAt: null,
        endedAt: null,
        endedOn: null,
        endReason: null,
        createdAt: now,
        updatedAt: now,
      } satisfies AgreementEntity);
      await tx.manager.getRepository(AgreementEntity).insert(agreement);
      const clauses = body.clauses.map((clause, position) =>
        Object.assign(new AgreementClauseEntity(), {
          id: randomUUID(),
          tenantId: agreement.tenantId,
          agreementId: agreement.id,
          position,
          type: clause.type,
          summary: clause.summary ?? null,
          staffTerms: clause.staffMadeAvailable ? withStaffIds(clause.staffMadeAvailable) : null,
        }),
      );
      await tx.manager.getRepository(AgreementClauseEntity).insert(clauses);
      // an agreement recorded on or after its first day starts at once
      if (agreement.startsOn <= today) await this.lifecycle.activate(tx, agreement, now);
      return toAgreementView(agreement, partner.name, clauses);
    });
  }

  @OnRequest(GetAgreement)
  async get(query: AgreementIdV1, context: RequestContext): Promise<AgreementViewV1> {
    return this.unitOfWork.read(context.tenantId, (manager) =>
      this.view(manager, query.agreementId, context),
    );
  }

  @OnRequest(ListAgreements)
  async list(query: ListAgreementsV1, context: RequestContext): Promise<AgreementListV1> {
    const own = actingPartnerId(context.actor);
    if (!own) requireRole(context.actor, ['coordinator', 'scheduler'], 'listing agreements');
    if (own && query.partnerId && query.partnerId !== own) return { agreements: [] };
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const agreements = await manager.getRepository(AgreementEntity).find({
        where: {
          tenantId: context.tenantId,
          ...(own ? { partnerId: own } : query.partnerId ? { partnerId: query.partnerId } : {}),
          ...(query.status ? { status: query.status } : {}),
        },
        order: { startsOn: 'ASC', createdAt: 'ASC' },
      });
      if (!agreements.length) return { agreements: [] };
      const ids = agreements.map((a) => a.id);
      const clauses = await manager
        .getRepository(AgreementClauseEntity)
        .findBy({ agreementId: In(ids) });
      const partners = await manager
        .getRepository(PartnerEntity)
        .findBy({ id: In([...new Set(agreements.map((a) => a.partnerId))]) });
      const names = new Map(partners.map((p) => [p.id, p.name]));
      return {
        agreements: agreements.map((a) =>
          toAgreementView(
            a,
            names.get(a.partnerId) ?? '',
            clauses.filter((c) => c.agreementId === a.id),
          ),
        ),
      };
    });
  }

  @OnRequest(ActivateAgreement)
  async activate(query: AgreementIdV1, context: RequestContext): Promise<AgreementViewV1> {
    requireRole(context.actor, ['coordinator'], 'starting an agreement');
    const now = new Date();
    return this.unitOfWork.run(context, async (tx) => {
      const agreement = await this.lockedAgreement(tx.manager, query.agreementId, context.tenantId);
      const today = parisDay(now);
      if (agreement.status === 'signed' && agreement.startsOn > today) {
        // started early: the period is brought forward to today, so check again that no clause runs twice
        agreement.startsOn = today;
        const clauses = await tx.manager
          .getRepository(AgreementClauseEntity)
          .findBy({ agreementId: agreement.id });
        await this.lifecycle.refuseOverlaps(
          tx.manager,
          {
            ...agreement,
            clauses: clauses.map((c) => ({
              type: c.type,
              ...(c.staffTerms ? { staffMadeAvailable: c.staffTerms } : {}),
            })),
          },
          agreement.id,
        );
      }
      await this.lifecycle.activate(tx, agreement, now);
      return this.view(tx.manager, agreement.id, context);
    });
  }

  @OnRequest(EndAgreement)
  async end(query: AgreementIdV1, context: RequestContext): Promise<AgreementViewV1> {
    requireRole(context.actor, ['coordinator'], 'ending an agreement');
    const now = new Date();
    return this.unitOfWork.run(context, async (tx) => {
      const agreement = await this.lockedAgreement(tx.manager, query.agreementId, context.tenantId);
      await this.lifecycle.end(tx, agreement, now, 'ended-early');
      return this.view(tx.manager, agreement.id, context);
    });
  }

  private async lockedAgreement(
    manager: EntityManager,
    agreementId: string,
    tenantId: string,
  ): Promise<AgreementEntity> {
    const found = await manager
      .getRepository(AgreementEntity)
      .findOneBy({ id: agreementId, tenantId });
    if (!found) throw ProblemError.notFound(`no agreement ${agreementId} in this CPTS`);
    await this.lifecycle.lockPair(manager, tenantId, found.partnerId);
    const agreement = await manager
      .getRepository(AgreementEntity)
      .findOne({ where: { id: agreementId }, lock: { mode: 'pessimistic_write' } });
    return agreement ?? found;
  }

  /** A partner user sees only the agreements of its own partner. */
  private async view(
    manager: EntityManager,
    agreementId: string,
    context: RequestContext,
  ): Promise<AgreementViewV1> {
    const own = actingPartnerId(context.actor);
    if (!own) requireRole(context.actor, ['coordinator', 'scheduler'], 'reading an agreement');
    const agreement = await manager.getRepository(AgreementEntity).findOneBy({
      id: agreementId,
      tenantId: context.tenantId,
      ...(own ? { partnerId: own } : {}),
    });
    if (!agreement) throw ProblemError.notFound(`no agreement ${agreementId} in this CPTS`);
    const partner = await manager
      .getRepository(PartnerEntity)
      .findOneByOrFail({ id: agreement.partnerId });
    const clauses = await manager
      .getRepository(AgreementClauseEntity)
      .findBy({ agreementId: agreement.id });
    return toAgreementView(agreement, partner.name, clauses);
  }
}

/** Each lent person gets the id they will have in the scheduling pool. */
function withStaffIds(
  terms: NonNullable<CreateAgreementV1['clauses'][number]['staffMadeAvailable']>,
): StaffMadeAvailableViewV1 {
  return {
    staff: terms.staff.map((person) => ({
      staffId: randomUUID(),
      lastName: person.lastName.trim(),
      firstName: person.firstName.trim(),
      profession: person.profession,
      skills: person.skills.map((s) => ({
        code: s.code,
        ...(s.trainedOn ? { trainedOn: s.trainedOn } : {}),
      })),
      ...(person.rpps
        ? {
            rpps: checkRpps(person.rpps).valid
              ? (checkRpps(person.rpps) as { value: string }).value
              : person.rpps,
          }
        : {}),
    })),
    scope: { siteIds: [...terms.scope.siteIds], campaignIds: [...terms.scope.campaignIds] },
    ...(terms.maxHoursPerWeek !== undefined ? { maxHoursPerWeek: terms.maxHoursPerWeek } : {}),
    ...(terms.maxHoursPerMonth !== undefined ? { maxHoursPerMonth: terms.maxHoursPerMonth } : {}),
  };
}
