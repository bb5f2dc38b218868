import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { defineEvent, defineRequest } from '../common/contract';

export const VOLUNTEER_SOURCES = ['member', 'external'] as const;
export type VolunteerSource = (typeof VOLUNTEER_SOURCES)[number];

/**
 * Body of POST /campaigns/{campaignId}/volunteers: a member signs up (themselves,
 * or added by a coordinator), or a coordinator adds a non-member (e.g. recruited
 * by the municipal social services).
 */
export class AddVolunteerBodyV1 {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'a session of the campaign; absent = the whole campaign',
  })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiProperty({ enum: VOLUNTEER_SOURCES })
  @IsIn(VOLUNTEER_SOURCES)
  source!: VolunteerSource;

  @ApiPropertyOptional({ format: 'uuid', description: 'for a member: defaults to the caller' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({
    example: 'Jeanne Dupuis',
    description: 'required for an external volunteer',
  })
  @ValidateIf(
    (body: AddVolunteerBodyV1) => body.source === 'external' || body.displayName !== undefined,
  )
  @MaxLength(200)
  @IsNotEmpty()
  @IsString({ message: 'an external volunteer needs a displayName' })
  displayName?: string;

  @ApiPropertyOptional({
    example: 'CCAS de Portes-lès-Valence',
    description: 'who recruited an external volunteer',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recruitedBy?: string;

  @ApiPropertyOptional({ example: 'jeanne.dupuis@example.fr' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;
}

export class AddVolunteerV1 extends AddVolunteerBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
}

export class VolunteerViewV1 {
  @ApiProperty() volunteerId!: string;
  @ApiProperty() campaignId!: string;
  @ApiPropertyOptional() sessionId?: string;
  @ApiProperty({ enum: VOLUNTEER_SOURCES }) source!: VolunteerSource;
  @ApiPropertyOptional() memberId?: string;
  @ApiProperty() displayName!: string;
  @ApiPropertyOptional() profession?: string;
  @ApiPropertyOptional() recruitedBy?: string;
  @ApiProperty() signedUpAt!: string;
}

export class ListVolunteersV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
}
export class VolunteerListV1 {
  @ApiProperty({ type: [VolunteerViewV1] }) volunteers!: VolunteerViewV1[];
}

export class VolunteerSignedUpV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() volunteerId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() sessionId?: string;
  @ApiProperty({ enum: VOLUNTEER_SOURCES }) @IsIn(VOLUNTEER_SOURCES) source!: VolunteerSource;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
}

export const AddVolunteer = defineRequest<AddVolunteerV1, VolunteerViewV1>(
  'campaigns.volunteer.add.v1',
  AddVolunteerV1,
);
export const ListVolunteers = defineRequest<ListVolunteersV1, VolunteerListV1>(
  'campaigns.volunteer.list.v1',
  ListVolunteersV1,
);
export const VolunteerSignedUp = defineEvent(
  'campaigns.volunteer.signed-up.v1',
  VolunteerSignedUpV1,
);
