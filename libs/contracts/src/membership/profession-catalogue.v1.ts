import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmpty, IsOptional } from 'class-validator';
import { defineRequest } from '../common/contract';

/** GET /professions: nothing to send. (A class without any rule is refused by `forbidUnknownValues`.) */
export class ListProfessionsV1 {
  @IsOptional()
  @IsEmpty()
  nothing?: undefined;
}

export class ProfessionEntryV1 {
  @ApiProperty({ example: 'nurse' }) code!: string;
  @ApiProperty({ example: 'Infirmier' }) label!: string;
  @ApiProperty({ enum: ['health', 'non-health'] }) category!: 'health' | 'non-health';
  @ApiProperty({
    type: [String],
    example: ['RPPS', 'ADELI'],
    description: 'identifiers accepted, preferred first; empty: identifierKind NONE',
  })
  identifiers!: string[];
  @ApiProperty({ description: 'a doctor gives a specialty' }) hasSpecialty!: boolean;
}

export class CatalogueEntryV1 {
  @ApiProperty({ example: 'can-vaccinate' }) code!: string;
  @ApiProperty({ example: 'Vaccination' }) label!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'professions allowed to hold the skill; absent: anyone trained',
  })
  professions?: string[];
}

/** The vocabulary a registration uses: professions, doctors' specialties, skills. */
export class ProfessionCatalogueV1 {
  @ApiProperty({ type: [ProfessionEntryV1] }) professions!: ProfessionEntryV1[];
  @ApiProperty({ type: [CatalogueEntryV1] }) specialties!: CatalogueEntryV1[];
  @ApiProperty({ type: [CatalogueEntryV1] }) skills!: CatalogueEntryV1[];
}

export const ListProfessions = defineRequest<ListProfessionsV1, ProfessionCatalogueV1>(
  'membership.profession.list.v1',
  ListProfessionsV1,
);
