import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  GetTenant,
  ProblemError,
  RegisterTenant,
  RegisterTenantV1,
  TENANT_ID_PATTERN,
  TenantRegistered,
  TenantSnapshotV1,
  TenantUpdated,
  TenantViewV1,
  UpdateTenant,
  UpdateTenantV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { TenantEntity } from './tenant.entity';
import { requireTenant } from './tenant-scope';
import { buildTerritory, spanOf } from './territory';

const isOperator = (context: RequestContext): boolean => context.actor.roles.includes('operator');

/** Opens and keeps the CPTS of the platform; tells the other services their territory. */
@Injectable()
export class TenantService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(RegisterTenant)
  async register(body: RegisterTenantV1, context: RequestContext): Promise<TenantViewV1> {
    if (!isOperator(context)) throw ProblemError.forbidden('only a platform operator opens a CPTS');
    if (!TENANT_ID_PATTERN.test(context.tenantId)) {
      throw ProblemError.badRequest([
        {
          field: 'tenantId',
          reason: 'a CPTS id is lowercase letters, digits and dashes, e.g. cpts-sud-valence',
        },
      ]);
    }
    const { territory, errors } = buildTerritory(body.communes);
    if (errors.length > 0) throw ProblemError.badRequest(errors);
    return this.unitOfWork.run(context, async (tx) => {
      const repository = tx.manager.getRepository(TenantEntity);
      // the row lock of an existing CPTS, or the primary key, refuses a second opening
      if (await repository.findOneBy({ id: context.tenantId }))
        throw ProblemError.conflict(`CPTS ${context.tenantId} already exists`);
      const now = new Date();
      const tenant = repository.create({
        id: context.tenantId,
        name: body.name.trim(),
        legalForm: body.legalForm,
        territory,
        aciAgreementDate: body.aciAgreementDate ?? null,
        contact: body.contact,
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      await repository.insert(tenant);
      await tx.emit(TenantRegistered, toTenantSnapshot(tenant));
      return toTenantView(tenant);
    });
  }

  @OnRequest(UpdateTenant)
  async update(body: UpdateTenantV1, context: RequestContext): Promise<TenantViewV1> {
    if (!isOperator(context) && !context.actor.roles.includes('coordinator')) {
      throw ProblemError.forbidden("only an operator or the CPTS's coordinator changes the CPTS");
    }
    // the territory, name and legal form are the platform's record of the CPTS; its coordinator keeps the contact and ACI date
    if (
      !isOperator(context) &&
      (body.communes !== undefined || body.name !== undefined || body.legalForm !== undefined)
    ) {
      throw ProblemError.forbidden(
        'only a platform operator changes the name, legal form or territory of a CPTS',
      );
    }
    const built = body.communes ? buildTerritory(body.communes) : undefined;
    if (built && built.errors.length > 0) throw ProblemError.badRequest(built.errors);
    return this.unitOfWork.run(context, async (tx) => {
      const tenant = await requireTenant(tx.manager, context.tenantId);
      assertVersion(tenant.revision, body.expectedVersion);
      if (body.name !== undefined) tenant.name = body.name.trim();
      if (body.legalForm !== undefined) tenant.legalForm = body.legalForm;
      if (built) tenant.territory = built.territory;
      if (body.aciAgreementDate !== undefined) tenant.aciAgreementDate = body.aciAgreementDate;
      if (body.contact !== undefined) tenant.contact = body.contact;
      tenant.revision += 1;
      tenant.updatedAt = new Date();
      await tx.manager.getRepository(TenantEntity).save(tenant);
      await tx.emit(TenantUpdated, toTenantSnapshot(tenant));
      return toTenantView(tenant);
    });
  }

  @OnRequest(GetTenant)
  async get(_body: object, context: RequestContext): Promise<TenantViewV1> {
    return toTenantView(
      await this.unitOfWork.read(context.tenantId, (manager) =>
        requireTenant(manager, context.tenantId),
      ),
    );
  }
}

export function toTenantSnapshot(tenant: TenantEntity): TenantSnapshotV1 {
  return {
    tenantId: tenant.id,
    name: tenant.name,
    legalForm: tenant.legalForm,
    territory: tenant.territory,
    ...spanOf(tenant.territory),
    ...(tenant.aciAgreementDate ? { aciAgreementDate: tenant.aciAgreementDate } : {}),
    contact: tenant.contact,
    revision: tenant.revision,
  };
}

function toTenantView(tenant: TenantEntity): TenantViewV1 {
  return {
    ...toTenantSnapshot(tenant),
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
