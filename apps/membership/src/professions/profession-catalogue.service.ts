import { Injectable } from '@nestjs/common';
import { ListProfessions, ProfessionCatalogueV1 } from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireTenant } from '../tenants/tenant-scope';
import {
  DOCTOR_SPECIALTY_CODES,
  DOCTOR_SPECIALTY_LABELS,
  PROFESSION_CODES,
  PROFESSIONS,
  SKILL_CODES,
  SKILLS,
} from './profession';

/** Answers the catalogue a registration form offers: the same lists the rules check against. */
@Injectable()
export class ProfessionCatalogueService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ListProfessions)
  async list(_query: object, context: RequestContext): Promise<ProfessionCatalogueV1> {
    await this.unitOfWork.read(context.tenantId, (manager) =>
      requireTenant(manager, context.tenantId),
    );
    return professionCatalogue();
  }
}

export function professionCatalogue(): ProfessionCatalogueV1 {
  return {
    professions: PROFESSION_CODES.map((code) => {
      const p = PROFESSIONS[code];
      return {
        code,
        label: p.label,
        category: p.category,
        identifiers: [...p.identifiers],
        hasSpecialty: p.hasSpecialty,
      };
    }),
    specialties: DOCTOR_SPECIALTY_CODES.map((code) => ({
      code,
      label: DOCTOR_SPECIALTY_LABELS[code],
    })),
    skills: SKILL_CODES.map((code) => ({
      code,
      label: SKILLS[code].label,
      ...(SKILLS[code].professions ? { professions: [...(SKILLS[code].professions ?? [])] } : {}),
    })),
  };
}
