import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { defineRequest } from '../common/contract';
import {
  ACI_MISSIONS,
  AciMission,
  CALENDAR_DATE,
  CAMPAIGN_THEMES,
  CampaignTheme,
  OBJECTIVE_INDICATORS,
  ObjectiveIndicator,
} from './campaign-catalogue';

export const REPORT_GRANULARITIES = ['whole', 'month', 'quarter', 'year'] as const;
export type ReportGranularity = (typeof REPORT_GRANULARITIES)[number];

/** Query of GET /campaign-report: sessions whose day falls within [from, to]. */
export class CampaignReportQueryV1 {
  @ApiProperty({ example: '2026-01-01' })
  @Matches(CALENDAR_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(CALENDAR_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: ACI_MISSIONS })
  @IsOptional()
  @IsIn(ACI_MISSIONS)
  aciMission?: AciMission;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({
    enum: REPORT_GRANULARITIES,
    default: 'whole',
    description: 'one row per campaign and per month / quarter / year, or for the whole period',
  })
  @IsOptional()
  @IsIn(REPORT_GRANULARITIES)
  granularity?: ReportGranularity;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ObjectiveProgressV1 {
  @ApiProperty({ enum: OBJECTIVE_INDICATORS }) indicator!: ObjectiveIndicator;
  @ApiProperty() target!: number;
  @ApiProperty() achieved!: number;
  @ApiProperty({ description: 'achieved / target × 100, one decimal' }) percent!: number;
}

export class CampaignReportRowV1 {
  @ApiProperty() campaignId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CAMPAIGN_THEMES }) theme!: CampaignTheme;
  @ApiProperty({ enum: ACI_MISSIONS }) aciMission!: AciMission;
  @ApiProperty({
    example: '2026-10',
    description: 'the bucket: 2026-10, 2026-Q4, 2026, or from..to',
  })
  period!: string;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() participants!: number;
  @ApiProperty() screeningsDone!: number;
  @ApiProperty() referredToGp!: number;
  @ApiProperty({ description: "volunteers' hours: people on each held session × its duration" })
  volunteerHours!: number;
  @ApiProperty({ type: [ObjectiveProgressV1] }) objectives!: ObjectiveProgressV1[];
  @ApiPropertyOptional({
    description: 'mean of the objectives’ percents; absent when the campaign has no objective',
  })
  objectiveReachedPercent?: number;
}

export class MissionReportRowV1 {
  @ApiProperty({ enum: ACI_MISSIONS }) aciMission!: AciMission;
  @ApiProperty() period!: string;
  @ApiProperty() campaigns!: number;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() participants!: number;
  @ApiProperty() screeningsDone!: number;
  @ApiProperty() referredToGp!: number;
  @ApiProperty() volunteerHours!: number;
}

export class CampaignReportV1 {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: REPORT_GRANULARITIES }) granularity!: ReportGranularity;
  @ApiProperty({ type: [CampaignReportRowV1] }) campaigns!: CampaignReportRowV1[];
  @ApiProperty({ type: [MissionReportRowV1] }) missions!: MissionReportRowV1[];
  @ApiPropertyOptional({
    description: 'the report as CSV (; separated, UTF-8 BOM) when format=csv',
  })
  csv?: string;
}

export const GetCampaignReport = defineRequest<CampaignReportQueryV1, CampaignReportV1>(
  'campaigns.report.get.v1',
  CampaignReportQueryV1,
);
