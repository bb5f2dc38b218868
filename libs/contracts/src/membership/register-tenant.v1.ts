import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmpty,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { IsInseeCommune } from '@maillage/identifiers';
import { defineRequest } from '../common/contract';
import {
  TENANT_LEGAL_FORMS,
  TenantContactV1,
  TenantLegalForm,
  TenantSnapshotV1,
} from './tenant-profile';

/** Body of POST /v1/tenants/:tenantId: an operator opens a CPTS. */
export class RegisterTenantV1 {
  @ApiProperty({ example: 'CPTS Sud-Valence' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: TENANT_LEGAL_FORMS, example: 'association' })
  @IsIn(TENANT_LEGAL_FORMS)
  legalForm!: TenantLegalForm;

  @ApiProperty({
    type: [String],
    example: ['26362', '26252'],
    description: 'INSEE codes of the communes of the territory',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsInseeCommune({}, { each: true })
  communes!: string[];

  @ApiPropertyOptional({ example: '2021-03-15' })
  @IsOptional()
  @IsISO8601({ strict: true })
  aciAgreementDate?: string;

  @ApiProperty({ type: TenantContactV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => TenantContactV1)
  contact!: TenantContactV1;
}

/** Body of PATCH /v1/tenants/:tenantId: only the fields given change. */
export class UpdateTenantBodyV1 extends PartialType(RegisterTenantV1) {}
export class UpdateTenantV1 extends UpdateTenantBodyV1 {
  @ApiPropertyOptional({
    description: 'the revision the client read (If-Match): a stale one is refused with 412',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  expectedVersion?: string;
}

/** Nothing to send: the CPTS is the tenant of the request. (A class without any rule is refused by `forbidUnknownValues`.) */
export class GetTenantV1 {
  @IsOptional()
  @IsEmpty()
  nothing?: undefined;
}

export class TenantViewV1 extends TenantSnapshotV1 {
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export const RegisterTenant = defineRequest<RegisterTenantV1, TenantViewV1>(
  'membership.tenant.register.v1',
  RegisterTenantV1,
);
export const UpdateTenant = defineRequest<UpdateTenantV1, TenantViewV1>(
  'membership.tenant.update.v1',
  UpdateTenantV1,
);
export const GetTenant = defineRequest<GetTenantV1, TenantViewV1>(
  'membership.tenant.get.v1',
  GetTenantV1,
);
