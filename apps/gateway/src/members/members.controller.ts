import { Body, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
} from '@nestjs/swagger';
import {
  EraseMember,
  ExportMemberData,
  GetMember,
  ImportMembers,
  ImportMembersV1,
  MemberDataExportV1,
  MemberErasureV1,
  MemberImportReportV1,
  MemberPageV1,
  MemberViewV1,
  RecordConsent,
  RecordConsentBodyV1,
  RecordMemberLeft,
  RecordMemberLeftBodyV1,
  RegisterMember,
  RegisterMemberV1,
  ReplaceMemberAvailability,
  ReplaceMemberAvailabilityBodyV1,
  ReplaceMemberSkills,
  ReplaceMemberSkillsBodyV1,
  RequestContextV1,
  ProblemError,
  SearchMembers,
  SearchMembersV1,
  UpdateMemberProfile,
  UpdateMemberProfileBodyV1,
  validatePlain,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, OwnMember, Roles } from '../auth/auth.guard';
import { ETagged, IfMatch, RequireIfMatch } from '../http/etag';
import { Idempotent } from '../http/idempotency/idempotency.interceptor';
import { TenantController, uuid } from '../http/tenant-controller';

/**
 * The professionals of a CPTS. A coordinator manages everyone; a member (token
 * with `memberId`) reads and changes their own record only — membership checks
 * it again. Invalid input is a 400 naming the field, and nothing is written.
 */
@ApiNotFoundResponse({ description: 'unknown CPTS or member' })
@ApiForbiddenResponse({ description: 'not a coordinator of this CPTS, or not the member themself' })
@TenantController('members', 'members')
export class MembersController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @Idempotent()
  @ApiOperation({
    summary: 'Register a professional in the CPTS',
    description:
      'Emits membership.member.registered.v1. The identifier is checked by its kind (RPPS key, ADELI format), communes against the INSEE list, the profession against the catalogue; a second member with the same identifier is a 409.',
  })
  @ApiCreatedResponse({ type: MemberViewV1 })
  @ApiBadRequestResponse({ description: 'a field is invalid: `errors[].field` names it' })
  @ApiConflictResponse({ description: 'identifier already registered in this CPTS' })
  register(
    @Body() body: RegisterMemberV1,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(RegisterMember, body, context);
  }

  @Get()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Search the members',
    description:
      'Filters by profession, skill, commune served, status, availability on a date and name; paged. Members who left are excluded unless includeLeft=true.',
  })
  @ApiOkResponse({ type: MemberPageV1 })
  search(@Query() query: SearchMembersV1, @Ctx() context: RequestContextV1): Promise<MemberPageV1> {
    return this.bus.request(SearchMembers, query, context);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Import members from a CSV export',
    description:
      'The CSV as the body (Content-Type: text/csv, `?partial=true`) or as JSON `{csv, partial}`. Checks every line and answers a line-by-line report. All or nothing: when one line is refused none is registered, unless partial=true (then the good lines are). 400 only when the file itself cannot be read.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    type: ImportMembersV1,
    description: 'JSON form; or the raw CSV text with Content-Type text/csv',
  })
  @ApiQuery({
    name: 'partial',
    required: false,
    type: Boolean,
    description: 'with a text/csv body: register the good lines even if others are refused',
  })
  @ApiOkResponse({ type: MemberImportReportV1 })
  import(
    @Body() body: unknown,
    @Query('partial') partial: string | undefined,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberImportReportV1> {
    const plain =
      typeof body === 'string'
        ? { csv: body, ...(partial !== undefined ? { partial } : {}) }
        : body;
    const checked = validatePlain(ImportMembersV1, plain);
    if (!checked.ok) throw ProblemError.badRequest(checked.errors);
    return this.bus.request(ImportMembers, checked.value, context, 60_000);
  }

  @Get('me')
  @ETagged()
  @Roles('member')
  @ApiOperation({
    summary: "The signed-in member's own record",
    description:
      'For a member token (its memberId, or the RPPS/ADELI of a Pro Santé Connect identity resolved by membership).',
  })
  @ApiOkResponse({ type: MemberViewV1 })
  me(@Ctx() context: RequestContextV1): Promise<MemberViewV1> {
    if (!context.actor.memberId)
      throw ProblemError.notFound('this token names no member of this CPTS');
    return this.bus.request(GetMember, { memberId: context.actor.memberId }, context);
  }

  @Get(':memberId')
  @ETagged()
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({ summary: 'One member (a member may read their own record)' })
  @ApiOkResponse({ type: MemberViewV1 })
  get(
    @Param('memberId', uuid) memberId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(GetMember, { memberId }, context);
  }

  @Patch(':memberId')
  @ETagged()
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({
    summary: "Change a member's profile",
    description:
      'Only the fields given change; emits membership.member.updated.v1 with the whole snapshot. Association periods, roles and voting rights are for the coordinator.',
  })
  @ApiOkResponse({ type: MemberViewV1 })
  update(
    @Param('memberId', uuid) memberId: string,
    @Body() body: UpdateMemberProfileBodyV1,
    @IfMatch() expectedVersion: string | undefined,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(
      UpdateMemberProfile,
      { ...body, memberId, ...(expectedVersion ? { expectedVersion } : {}) },
      context,
    );
  }

  @Put(':memberId/skills')
  @ETagged()
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({
    summary: "Replace a member's skills and trainings",
    description: 'Emits membership.member.skills.changed.v1.',
  })
  @ApiOkResponse({ type: MemberViewV1 })
  replaceSkills(
    @Param('memberId', uuid) memberId: string,
    @Body() body: ReplaceMemberSkillsBodyV1,
    @IfMatch() expectedVersion: string | undefined,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(
      ReplaceMemberSkills,
      { ...body, memberId, ...(expectedVersion ? { expectedVersion } : {}) },
      context,
    );
  }

  @Put(':memberId/availability')
  @RequireIfMatch()
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({
    summary: "Replace a member's availability",
    description:
      'Weekly pattern (overlapping slots on a day are refused), exceptions, monthly cap, preferred sites and time bands. The member and the coordinator may both edit it: send the ETag you read in If-Match (428 without, 412 when it changed since). Emits membership.member.availability.changed.v1.',
  })
  @ApiOkResponse({ type: MemberViewV1 })
  replaceAvailability(
    @Param('memberId', uuid) memberId: string,
    @Body() body: ReplaceMemberAvailabilityBodyV1,
    @IfMatch() expectedVersion: string | undefined,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(
      ReplaceMemberAvailability,
      { ...body, memberId, ...(expectedVersion ? { expectedVersion } : {}) },
      context,
    );
  }

  @Post(':memberId/leave')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({
    summary: 'Record that a member leaves the CPTS',
    description:
      'Ends the open membership period and the voting rights; emits membership.member.left.v1 (scheduling stops staffing them).',
  })
  @ApiOkResponse({ type: MemberViewV1 })
  leave(
    @Param('memberId', uuid) memberId: string,
    @Body() body: RecordMemberLeftBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(RecordMemberLeft, { ...body, memberId }, context);
  }

  @Post(':memberId/consents')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({
    summary: 'Give or withdraw a consent (RGPD)',
    description:
      'Keeps the record of each consent with its dates; emits membership.member.updated.v1 with the consents now given.',
  })
  @ApiOkResponse({ type: MemberViewV1 })
  recordConsent(
    @Param('memberId', uuid) memberId: string,
    @Body() body: RecordConsentBodyV1,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberViewV1> {
    return this.bus.request(RecordConsent, { ...body, memberId }, context);
  }

  @Get(':memberId/export')
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({ summary: 'Export everything membership holds on a member (RGPD access)' })
  @ApiOkResponse({ type: MemberDataExportV1 })
  export(
    @Param('memberId', uuid) memberId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberDataExportV1> {
    return this.bus.request(ExportMemberData, { memberId }, context);
  }

  @Delete(':memberId')
  @Roles('coordinator', 'member')
  @OwnMember()
  @ApiOperation({
    summary: 'Erase a member (RGPD erasure)',
    description:
      'Deletes the member and their change log; emits membership.member.erased.v1 so every service forgets or pseudonymises them.',
  })
  @ApiOkResponse({ type: MemberErasureV1 })
  erase(
    @Param('memberId', uuid) memberId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<MemberErasureV1> {
    return this.bus.request(EraseMember, { memberId }, context);
  }
}
