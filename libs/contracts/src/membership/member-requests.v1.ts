import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { defineRequest } from '../common/contract';
import { PageQueryV1 } from '../common/page';
import {
  CONSENT_PURPOSES,
  ConsentPurposeV1,
  MEMBER_STATUSES,
  MemberAvailabilityV1,
} from './member-profile';
import { MemberViewV1, RegisterMemberV1 } from './register-member.v1';

/** Requests of the gateway to membership about members (one class per body; `...BodyV1` is the HTTP body without the path's memberId). */

export class MemberRefV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;
}

// --- read -------------------------------------------------------------------

export class GetMemberV1 extends MemberRefV1 {}

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Query of GET /members: every filter optional, combined with AND; sorted by `lastName` (default), `firstName`, `registeredAt`. */
export class SearchMembersV1 extends PageQueryV1 {
  @ApiPropertyOptional({ example: 'nurse', description: 'profession code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  profession?: string;

  @ApiPropertyOptional({ example: 'can-vaccinate', description: 'skill code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  skill?: string;

  @ApiPropertyOptional({ example: '26362', description: 'INSEE code of a commune served' })
  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'commune must be an INSEE code of 5 characters' })
  commune?: string;

  @ApiPropertyOptional({ enum: MEMBER_STATUSES })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: (typeof MEMBER_STATUSES)[number];

  @ApiPropertyOptional({
    example: '2026-12-02',
    description: 'has availability on this local date (weekly pattern and exceptions)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  availableOn?: string;

  @ApiPropertyOptional({ example: 'martin', description: 'part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'include members who left (default false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeLeft?: boolean;
}

export class MemberPageV1 {
  @ApiProperty({ type: [MemberViewV1] }) items!: MemberViewV1[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'members matching, all pages' }) total!: number;
}

// --- change -----------------------------------------------------------------

/** Body of PATCH /members/:memberId: identity, profession, practice, association; only the fields given change. */
export class UpdateMemberProfileBodyV1 extends PartialType(
  OmitType(RegisterMemberV1, ['skills', 'availability', 'consents'] as const),
) {}
export class UpdateMemberProfileV1 extends UpdateMemberProfileBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;

  @ApiPropertyOptional({
    description: 'the revision the client read (If-Match): a stale one is refused with 412',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  expectedVersion?: string;
}

/** Body of PUT /members/:memberId/skills: the complete list. */
export class ReplaceMemberSkillsBodyV1 extends PickType(RegisterMemberV1, ['skills'] as const) {}
export class ReplaceMemberSkillsV1 extends ReplaceMemberSkillsBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;

  @ApiPropertyOptional({
    description: 'the revision the client read (If-Match): a stale one is refused with 412',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  expectedVersion?: string;
}

/** Body of PUT /members/:memberId/availability: the whole availability. */
export class ReplaceMemberAvailabilityBodyV1 {
  @ApiProperty({ type: MemberAvailabilityV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => MemberAvailabilityV1)
  availability!: MemberAvailabilityV1;
}
export class ReplaceMemberAvailabilityV1 extends ReplaceMemberAvailabilityBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;

  @ApiPropertyOptional({
    description: 'the revision the client read (If-Match): a stale one is refused with 412',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  expectedVersion?: string;
}

/** Body of POST /members/:memberId/leave. */
export class RecordMemberLeftBodyV1 {
  @ApiProperty({ example: '2026-12-31', description: 'last day of membership' })
  @IsISO8601({ strict: true })
  leftOn!: string;

  @ApiPropertyOptional({ example: 'moved out of the territory' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
export class RecordMemberLeftV1 extends RecordMemberLeftBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
}

// --- RGPD -------------------------------------------------------------------

/** Body of POST /members/:memberId/consents: gives or withdraws one consent, now. */
export class RecordConsentBodyV1 {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurposeV1;

  @ApiProperty({ description: 'true to give, false to withdraw' })
  @IsBoolean()
  given!: boolean;
}
export class RecordConsentV1 extends RecordConsentBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
}

export class ExportMemberDataV1 extends MemberRefV1 {}

/** Everything membership holds on one member (RGPD right of access and portability). */
export class MemberDataExportV1 {
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ example: 'membership' }) service!: string;
  @ApiProperty({ type: MemberViewV1 }) member!: MemberViewV1;
  @ApiProperty({
    description: 'each change recorded on the member: what, when, by whom',
    type: 'array',
    items: { type: 'object' },
  })
  history!: { at: string; event: string; actor: string }[];
}

export class EraseMemberV1 extends MemberRefV1 {}

export class MemberErasureV1 {
  @ApiProperty() memberId!: string;
  @ApiProperty() erasedAt!: string;
}

// --- import -----------------------------------------------------------------

/** Body of POST /members/import: a CSV export of the coordinator's spreadsheet. */
export class ImportMembersV1 {
  @ApiProperty({
    description:
      'the CSV text (`;` or `,`, header on line 1: Nom; Prénom; Profession; RPPS; ADELI; Email; Téléphone; Communes; Compétences; Statut; Structure…)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200_000)
  csv!: string;

  @ApiPropertyOptional({
    description:
      'register the accepted lines even when others are refused (default: all or nothing)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  partial?: boolean;
}

export class ImportLineReportV1 {
  @ApiProperty({ description: 'line of the file (the header is line 1)' }) line!: number;
  @ApiProperty({
    enum: ['registered', 'refused', 'not-registered'],
    description:
      'not-registered: valid, but the import was all-or-nothing and other lines were refused',
  })
  outcome!: 'registered' | 'refused' | 'not-registered';
  @ApiPropertyOptional() memberId?: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { field: { type: 'string' }, reason: { type: 'string' } },
    },
  })
  errors!: { field: string; reason: string }[];
  @ApiProperty({ type: [String] }) notes!: string[];
}

export class MemberImportReportV1 {
  @ApiProperty() registered!: number;
  @ApiProperty() refused!: number;
  @ApiProperty() partial!: boolean;
  @ApiProperty({ type: [ImportLineReportV1] }) lines!: ImportLineReportV1[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) fileErrors!: {
    field: string;
    reason: string;
  }[];
  @ApiProperty({ type: [String] }) ignoredColumns!: string[];
}

export const GetMember = defineRequest<GetMemberV1, MemberViewV1>(
  'membership.member.get.v1',
  GetMemberV1,
);
export const SearchMembers = defineRequest<SearchMembersV1, MemberPageV1>(
  'membership.member.search.v1',
  SearchMembersV1,
);
export const UpdateMemberProfile = defineRequest<UpdateMemberProfileV1, MemberViewV1>(
  'membership.member.update.v1',
  UpdateMemberProfileV1,
);
export const ReplaceMemberSkills = defineRequest<ReplaceMemberSkillsV1, MemberViewV1>(
  'membership.member.skills.replace.v1',
  ReplaceMemberSkillsV1,
);
export const ReplaceMemberAvailability = defineRequest<ReplaceMemberAvailabilityV1, MemberViewV1>(
  'membership.member.availability.replace.v1',
  ReplaceMemberAvailabilityV1,
);
export const RecordMemberLeft = defineRequest<RecordMemberLeftV1, MemberViewV1>(
  'membership.member.leave.v1',
  RecordMemberLeftV1,
);
export const RecordConsent = defineRequest<RecordConsentV1, MemberViewV1>(
  'membership.member.consent.record.v1',
  RecordConsentV1,
);
export const ExportMemberData = defineRequest<ExportMemberDataV1, MemberDataExportV1>(
  'membership.member.export.v1',
  ExportMemberDataV1,
);
export const EraseMember = defineRequest<EraseMemberV1, MemberErasureV1>(
  'membership.member.erase.v1',
  EraseMemberV1,
);
export const ImportMembers = defineRequest<ImportMembersV1, MemberImportReportV1>(
  'membership.member.import.v1',
  ImportMembersV1,
);
