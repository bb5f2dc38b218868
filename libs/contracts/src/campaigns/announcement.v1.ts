import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { defineEvent, defineRequest } from '../common/contract';
import { INSEE_COMMUNE } from './campaign-catalogue';

/** Which members receive an announcement: every listed dimension must match (any value within one). */
export class AnnouncementAudienceV1 {
  @ApiPropertyOptional({ type: [String], example: ['nurse', 'general-practitioner'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  professions?: string[];

  @ApiPropertyOptional({ type: [String], example: ['26362'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(INSEE_COMMUNE, { each: true, message: 'each commune must be an INSEE code' })
  communes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['icope-trained'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  skills?: string[];
}

/** Body of POST /campaigns/{campaignId}/announcements: a newsletter or a call for volunteers. */
export class SendAnnouncementBodyV1 {
  @ApiProperty({ example: 'Appel à bénévoles : dépistage ICOPE du 15 octobre' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: 'Nous cherchons 6 bénévoles formés ICOPE…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  body!: string;

  @ApiProperty({ type: AnnouncementAudienceV1 })
  @IsObject({ message: '$property is required' })
  @ValidateNested()
  @Type(() => AnnouncementAudienceV1)
  audience!: AnnouncementAudienceV1;
}

export class SendAnnouncementV1 extends SendAnnouncementBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
}

export class AnnouncementRecipientV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) displayName!: string;
}

export class AnnouncementViewV1 {
  @ApiProperty() announcementId!: string;
  @ApiProperty() campaignId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: AnnouncementAudienceV1 }) audience!: AnnouncementAudienceV1;
  @ApiProperty() sentBy!: string;
  @ApiProperty() sentAt!: string;
  @ApiProperty({ type: [AnnouncementRecipientV1] }) recipients!: AnnouncementRecipientV1[];
}

export class GetAnnouncementV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() announcementId!: string;
}

/** An announcement left: a messaging channel delivers it to the listed members. */
export class AnnouncementSentV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() announcementId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) subject!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10_000) body!: string;
  @ApiProperty({ type: [AnnouncementRecipientV1] })
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AnnouncementRecipientV1)
  recipients!: AnnouncementRecipientV1[];
}

export const SendAnnouncement = defineRequest<SendAnnouncementV1, AnnouncementViewV1>(
  'campaigns.announcement.send.v1',
  SendAnnouncementV1,
);
export const GetAnnouncement = defineRequest<GetAnnouncementV1, AnnouncementViewV1>(
  'campaigns.announcement.get.v1',
  GetAnnouncementV1,
);
export const AnnouncementSent = defineEvent('campaigns.announcement.sent.v1', AnnouncementSentV1);
