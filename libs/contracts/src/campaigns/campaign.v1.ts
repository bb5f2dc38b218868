import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { defineEvent, defineRequest } from '../common/contract';
import {
  ACI_MISSIONS,
  AciMission,
  CALENDAR_DATE,
  CAMPAIGN_THEMES,
  CampaignTheme,
  INSEE_COMMUNE,
  OBJECTIVE_INDICATORS,
  ObjectiveIndicator,
} from './campaign-catalogue';

export class TargetPopulationV1 {
  @ApiPropertyOptional({ minimum: 0, maximum: 120, example: 75 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  ageMin?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  ageMax?: number;

  @ApiPropertyOptional({
    example: 'type 2 diabetes',
    description: 'a condition of the target population, in words (no patient data)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  condition?: string;

  @ApiProperty({
    type: [String],
    example: ['26362'],
    description: 'INSEE codes; each must belong to the territory of the CPTS',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(INSEE_COMMUNE, { each: true, message: 'each commune must be an INSEE code' })
  communes!: string[];
}

export class CampaignObjectiveV1 {
  @ApiProperty({ enum: OBJECTIVE_INDICATORS, example: 'people-screened' })
  @IsIn(OBJECTIVE_INDICATORS)
  indicator!: ObjectiveIndicator;

  @ApiProperty({ minimum: 1, example: 300 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  target!: number;
}

/** Body of POST /campaigns. */
export class CreateCampaignV1 {
  @ApiProperty({ example: 'ICOPE autumn 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: CAMPAIGN_THEMES })
  @IsIn(CAMPAIGN_THEMES)
  theme!: CampaignTheme;

  @ApiProperty({ enum: ACI_MISSIONS, example: 'prevention' })
  @IsIn(ACI_MISSIONS)
  aciMission!: AciMission;

  @ApiProperty({ type: TargetPopulationV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => TargetPopulationV1)
  target!: TargetPopulationV1;

  @ApiProperty({ example: '2026-10-01', description: 'first day (inclusive, Europe/Paris)' })
  @Matches(CALENDAR_DATE, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart!: string;

  @ApiProperty({ example: '2026-12-31', description: 'last day (inclusive, Europe/Paris)' })
  @Matches(CALENDAR_DATE, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd!: string;

  @ApiProperty({ type: [CampaignObjectiveV1] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CampaignObjectiveV1)
  objectives!: CampaignObjectiveV1[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'member who leads the campaign; defaults to the caller when a member',
  })
  @IsOptional()
  @IsUUID()
  ownerMemberId?: string;

  @ApiPropertyOptional({
    example: 'Dr Anne Roux',
    description: 'owner as named when not a member (e.g. the coordinator)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string;
}

export class CampaignViewV1 extends CreateCampaignV1 {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
}

export class GetCampaignV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  campaignId!: string;
}

export class ListCampaignsV1 {
  @ApiPropertyOptional({ enum: ACI_MISSIONS })
  @IsOptional()
  @IsIn(ACI_MISSIONS)
  aciMission?: AciMission;
}

export class CampaignListV1 {
  @ApiProperty({ type: [CampaignViewV1] }) campaigns!: CampaignViewV1[];
}

/** A campaign was opened. */
export class CampaignCreatedV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ enum: CAMPAIGN_THEMES }) @IsIn(CAMPAIGN_THEMES) theme!: CampaignTheme;
  @ApiProperty({ enum: ACI_MISSIONS }) @IsIn(ACI_MISSIONS) aciMission!: AciMission;
  @ApiProperty() @Matches(CALENDAR_DATE) periodStart!: string;
  @ApiProperty() @Matches(CALENDAR_DATE) periodEnd!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(INSEE_COMMUNE, { each: true })
  communes!: string[];
}

export const CreateCampaign = defineRequest<CreateCampaignV1, CampaignViewV1>(
  'campaigns.campaign.create.v1',
  CreateCampaignV1,
);
export const GetCampaign = defineRequest<GetCampaignV1, CampaignViewV1>(
  'campaigns.campaign.get.v1',
  GetCampaignV1,
);
export const ListCampaigns = defineRequest<ListCampaignsV1, CampaignListV1>(
  'campaigns.campaign.list.v1',
  ListCampaignsV1,
);
export const CampaignCreated = defineEvent('campaigns.campaign.created.v1', CampaignCreatedV1);
