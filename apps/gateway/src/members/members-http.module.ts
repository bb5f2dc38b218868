import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';
import { ProfessionsController } from './professions.controller';

/** The HTTP routes of the membership service's members. */
@Module({ controllers: [MembersController, ProfessionsController] })
export class MembersHttpModule {}
