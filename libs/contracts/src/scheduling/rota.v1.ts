import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent, defineRequest } from '../common/contract';
import { GetJobV1, JobViewV1 } from '../common/job';
import { ISO_DATE } from '../common/formats';

/** Body of POST /rota-jobs: build a rota for these sites over these days. */
export class RequestRotaV1 {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'sites (vaccination centres, SNP sectors) of this CPTS',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one site' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  siteIds!: string[];

  @ApiProperty({ example: '2026-10-12', description: 'first day of the period' })
  @Matches(ISO_DATE, { message: 'periodStart must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  periodStart!: string;

  @ApiProperty({
    example: '2026-10-18',
    description: 'last day of the period, included; not before periodStart, at most 62 days',
  })
  @Matches(ISO_DATE, { message: 'periodEnd must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  periodEnd!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    default: 3,
    description: 'solver budget in seconds',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  timeLimitSeconds?: number;

  @ApiPropertyOptional({ description: 'search seed: the same inputs and seed give the same rota' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export const CreateRotaJob = defineRequest<RequestRotaV1, JobViewV1>(
  'scheduling.rota-job.create.v1',
  RequestRotaV1,
);
export const GetRotaJob = defineRequest<GetJobV1, JobViewV1>(
  'scheduling.rota-job.get.v1',
  GetJobV1,
);
/** Stops a queued or running job: the solver stops, no draft is stored. */
export const CancelRotaJob = defineRequest<GetJobV1, JobViewV1>(
  'scheduling.rota-job.cancel.v1',
  GetJobV1,
);

export class RotaNeedViewV1 {
  @ApiProperty({ example: 'nurse' }) role!: string;
  @ApiProperty() count!: number;
  @ApiPropertyOptional({ type: [String] }) professions?: string[];
  @ApiPropertyOptional({ type: [String] }) skills?: string[];
}

export class RotaAssignmentViewV1 {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() role!: string;
}

export class UnfilledNeedViewV1 {
  @ApiProperty() role!: string;
  @ApiProperty() missing!: number;
  @ApiProperty({
    example:
      'Saturday 14:00–20:00, Valence line 2: 1 nurse missing — 0 nurses available with the vaccination skill',
  })
  explanation!: string;
}

export class RotaShiftViewV1 {
  @ApiProperty({
    format: 'uuid',
    description: 'stable across re-solves of the same site, day and hours',
  })
  shiftId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) siteId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) staffingRequestId?: string;
  @ApiProperty({ example: 'Parc expo — Ligne 1' }) label!: string;
  @ApiProperty({ example: 'vaccination' }) kind!: string;
  @ApiProperty({ example: '2026-10-15T08:00:00+02:00' }) startsAt!: string;
  @ApiProperty({ example: '2026-10-15T13:00:00+02:00' }) endsAt!: string;
  @ApiProperty({ type: [RotaNeedViewV1] }) needs!: RotaNeedViewV1[];
  @ApiProperty({ type: [RotaAssignmentViewV1] }) assignees!: RotaAssignmentViewV1[];
  @ApiProperty({ type: [UnfilledNeedViewV1] }) unfilled!: UnfilledNeedViewV1[];
}

export const ROTA_STATUSES = ['draft', 'published', 'superseded'] as const;
export type RotaStatus = (typeof ROTA_STATUSES)[number];

export class RotaViewV1 {
  @ApiProperty({ format: 'uuid' }) rotaId!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ROTA_STATUSES }) status!: RotaStatus;
  @ApiProperty({ description: '0 while a draft; grows at each publication' }) revision!: number;
  @ApiProperty({ type: [String] }) siteIds!: string[];
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty({ description: 'hard-rule breaches left (0 for a valid rota)' }) hard!: number;
  @ApiProperty({ description: 'soft penalty (fairness, preferences, travel…)' }) soft!: number;
  @ApiProperty({ type: [RotaShiftViewV1] }) shifts!: RotaShiftViewV1[];
  @ApiProperty() updatedAt!: string;
}

export class RotaRefV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
}

export class RotaSummaryV1 {
  @ApiProperty() rotaId!: string;
  @ApiProperty({ enum: ROTA_STATUSES }) status!: RotaStatus;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: [String] }) siteIds!: string[];
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty() updatedAt!: string;
}
export class RotaListV1 {
  @ApiProperty({ type: [RotaSummaryV1] }) rotas!: RotaSummaryV1[];
}
export class ListRotasV1 {
  @ApiPropertyOptional({ enum: ROTA_STATUSES })
  @IsOptional()
  @IsIn(ROTA_STATUSES)
  status?: RotaStatus;
}

export const ROTA_EDITS = ['assign', 'unassign'] as const;

/** Body of POST /rotas/{rotaId}/edits: a coordinator's hand edit of a draft, checked against every hard rule. */
export class EditRotaBodyV1 {
  @ApiProperty({ enum: ROTA_EDITS }) @IsIn(ROTA_EDITS) type!: (typeof ROTA_EDITS)[number];
  @ApiProperty({ format: 'uuid' }) @IsUUID() shiftId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty({ example: 'nurse' }) @IsString() @IsNotEmpty() @MaxLength(64) role!: string;
}
export class EditRotaV1 extends EditRotaBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
}

/** Body of POST /rotas/{rotaId}/withdrawals: a member can no longer work a shift after publication. */
export class WithdrawFromShiftBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() shiftId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiPropertyOptional({ example: 'sick' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
export class WithdrawFromShiftV1 extends WithdrawFromShiftBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
}

/** A readable page of a rota: a site's or a member's days × time bands. */
export class RenderRotaPageV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
}
export class RotaPageV1 {
  @ApiProperty() html!: string;
}

export const GetRota = defineRequest<RotaRefV1, RotaViewV1>('scheduling.rota.get.v1', RotaRefV1);
export const ListRotas = defineRequest<ListRotasV1, RotaListV1>(
  'scheduling.rota.list.v1',
  ListRotasV1,
);
export const EditRota = defineRequest<EditRotaV1, RotaViewV1>(
  'scheduling.rota.edit.v1',
  EditRotaV1,
);
export const PublishRota = defineRequest<RotaRefV1, RotaViewV1>(
  'scheduling.rota.publish.v1',
  RotaRefV1,
);
export const WithdrawFromShift = defineRequest<WithdrawFromShiftV1, RotaViewV1>(
  'scheduling.rota.withdraw.v1',
  WithdrawFromShiftV1,
);
export const RenderRotaPage = defineRequest<RenderRotaPageV1, RotaPageV1>(
  'scheduling.rota.render.v1',
  RenderRotaPageV1,
);

/** A rota job's progress (best score so far), throttled to about one a second. */
export class RotaProgressV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() jobId!: string;
  @ApiProperty() @IsInt() @Min(0) hard!: number;
  @ApiProperty() @Min(0) soft!: number;
  @ApiProperty() @IsInt() @Min(0) elapsedMs!: number;
  @ApiProperty() @IsInt() @Min(0) iterations!: number;
}

/** A rota job finished: a draft rota waits for review. */
export class RotaGeneratedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() jobId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsUUID('all', { each: true }) siteIds!: string[];
  @ApiProperty() @Matches(ISO_DATE) periodStart!: string;
  @ApiProperty() @Matches(ISO_DATE) periodEnd!: string;
  @ApiProperty() @IsInt() @Min(0) assignments!: number;
  @ApiProperty({ description: 'positions the solver could not fill' })
  @IsInt()
  @Min(0)
  unfilled!: number;
  @ApiProperty() @IsInt() @Min(0) hard!: number;
}

export class RotaAssignmentChangeV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() shiftId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() role!: string;
  @ApiProperty() @IsString() startsAt!: string;
  @ApiProperty() @IsString() endsAt!: string;
}

export const ROTA_CHANGE_CAUSES = [
  'withdrawal',
  'availability',
  'member-left',
  'member-erased',
  'session-cancelled',
  'claim',
  'swap',
] as const;

/** A published rota changed (repair, claim, swap): only the difference, with the new revision. */
export class RotaAmendedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
  @ApiProperty() @IsInt() @Min(1) revision!: number;
  @ApiProperty({ enum: ROTA_CHANGE_CAUSES })
  @IsIn(ROTA_CHANGE_CAUSES)
  cause!: (typeof ROTA_CHANGE_CAUSES)[number];
  @ApiPropertyOptional({ format: 'uuid', description: 'whose change caused it' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
  @ApiProperty({ type: [RotaAssignmentChangeV1] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => RotaAssignmentChangeV1)
  added!: RotaAssignmentChangeV1[];
  @ApiProperty({ type: [RotaAssignmentChangeV1] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => RotaAssignmentChangeV1)
  removed!: RotaAssignmentChangeV1[];
}

export const RotaProgress = defineEvent('scheduling.rota.progress.v1', RotaProgressV1);
export const RotaGenerated = defineEvent('scheduling.rota.generated.v1', RotaGeneratedV1);
export const RotaAmended = defineEvent('scheduling.rota.amended.v1', RotaAmendedV1);
