import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';

/** The HTTP routes of the membership service's members. */
@Module({ controllers: [MembersController] })
export class MembersHttpModule {}
