import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { AgreementEnded, ProblemError, StaffLent } from '@maillage/contracts';
import { Transaction } from '@maillage/platform';
import { PartnerEntity } from '../partners/partner.entity';
import { AgreementClauseEntity, AgreementEntity } from './agreement.entity';
import { ExistingAgreement, overlappingClauses, parisDay, Period } from './agreement-rules';

/**
 * The moves of an agreement (signed → active → ended) and the events they
 * emit, inside the caller's transaction: used by the endpoints and the clock.
 */
@Injectable()
export class AgreementLifecycle {
  /** Serialises agreement changes between one CPTS and one partner (overlap checks are then exact). */
  async lockPair(manager: EntityManager, tenantId: string, partnerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `partners:agreements:${tenantId}:${partnerId}`,
    ]);
  }

  /** Refuses a period whose clauses repeat a clause of a live agreement with the same partner. */
  async refuseOverlaps(
    manager: EntityManager,
    candidate: Period & {
      tenantId: string;
      partnerId: string;
      clauses: ExistingAgreement['clauses'];
    },
    excludeAgreementId?: string,
  ): Promise<void> {
    const others = await manager.getRepository(AgreementEntity).findBy({
      tenantId: candidate.tenantId,
      partnerId: candidate.partnerId,
      status: Not('ended'),
      ...(excludeAgreementId ? { id: Not(excludeAgreementId) } : {}),
    });
    if (!others.length) return;
    const clauses = await manager
      .getRepository(AgreementClauseEntity)
      .findBy({ agreementId: In(others.map((a) => a.id)) });
    const existing: ExistingAgreement[] = others.map((a) => ({
      agreementId: a.id,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      clauses: clauses
        .filter((c) => c.agreementId === a.id)
        .map((c) => ({
          type: c.type,
          ...(c.staffTerms ? { staffMadeAvailable: c.staffTerms } : {}),
        })),
    }));
    const errors = overlappingClauses(candidate, existing);
    if (errors.length) {
      throw ProblemError.conflict(
        'the agreement period overlaps another agreement with this partner for the same clause',
        [
          { field: 'startsOn', reason: 'the period overlaps a live agreement for the same clause' },
          ...errors,
        ],
      );
    }
  }

  /** signed → active: each staff clause lends its people to the scheduling pool. */
  async activate(tx: Transaction, agreement: AgreementEntity, now: Date): Promise<void> {
    if (agreement.status !== 'signed')
      throw ProblemError.conflict(`the agreement is already ${agreement.status}`, [
        { field: 'status', reason: `is ${agreement.status}, not signed` },
      ]);
    const partner = await tx.manager
      .getRepository(PartnerEntity)
      .findOneByOrFail({ id: agreement.partnerId });
    const clauses = await tx.manager
      .getRepository(AgreementClauseEntity)
      .find({ where: { agreementId: agreement.id }, order: { position: 'ASC' } });
    agreement.status = 'active';
    agreement.activatedAt = now;
    agreement.updatedAt = now;
    await tx.manager
      .getRepository(AgreementEntity)
      .update(
        { id: agreement.id },
        { status: 'active', activatedAt: now, updatedAt: now, startsOn: agreement.startsOn },
      );
    for (const clause of clauses) {
      const terms = clause.staffTerms;
      if (clause.type !== 'staff-made-available' || !terms) continue;
      await tx.emit(StaffLent, {
        tenantId: agreement.tenantId,
        agreementId: agreement.id,
        clauseId: clause.id,
        partnerId: partner.id,
        partnerName: partner.name,
        scope: terms.scope,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        ...(terms.maxHoursPerWeek !== undefined ? { maxHoursPerWeek: terms.maxHoursPerWeek } : {}),
        ...(terms.maxHoursPerMonth !== undefined
          ? { maxHoursPerMonth: terms.maxHoursPerMonth }
          : {}),
        staff: terms.staff,
      });
    }
  }

  /** signed|active → ended: the people it lent leave the pool. */
  async end(
    tx: Transaction,
    agreement: AgreementEntity,
    now: Date,
    reason: 'term-reached' | 'ended-early',
  ): Promise<void> {
    if (agreement.status === 'ended')
      throw ProblemError.conflict('the agreement has already ended', [
        { field: 'status', reason: 'is ended' },
      ]);
    const endedOn = reason === 'term-reached' ? agreement.endsOn : parisDay(now);
    const clauses = await tx.manager
      .getRepository(AgreementClauseEntity)
      .findBy({ agreementId: agreement.id });
    Object.assign(agreement, {
      status: 'ended',
      endedAt: now,
      endedOn,
      endReason: reason,
      updatedAt: now,
    });
    await tx.manager
      .getRepository(AgreementEntity)
      .update(
        { id: agreement.id },
        { status: 'ended', endedAt: now, endedOn, endReason: reason, updatedAt: now },
      );
    await tx.emit(AgreementEnded, {
      tenantId: agreement.tenantId,
      agreementId: agreement.id,
      partnerId: agreement.partnerId,
      endedOn,
      reason,
      staffIds: clauses.flatMap((c) => c.staffTerms?.staff.map((p) => p.staffId) ?? []),
    });
  }
}
