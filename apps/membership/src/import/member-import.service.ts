import { Injectable } from '@nestjs/common';
import {
  ImportLineReportV1,
  ImportMembers,
  ImportMembersV1,
  MemberImportReportV1,
  ProblemError,
  RegisterMemberV1,
  validatePlain,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { assertCoordinator } from '../members/member-access';
import { MemberEntity } from '../members/member.entity';
import { registerMember } from '../members/member-registration.service';
import { parisToday } from '../members/member-rules';
import { fromMemberRegistration, MemberFields } from '../members/member-wire';
import { requireTenant } from '../tenants/tenant-scope';
import { importMembersCsv } from './member-csv-import';

/**
 * Registers the members of a coordinator's spreadsheet. The file is read and
 * checked line by line first; then either every line is registered, or (when
 * one is refused) none — unless the coordinator asked for `partial`, which
 * registers the good lines. The reply is always the line-by-line report.
 */
@Injectable()
export class MemberImportService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(ImportMembers)
  async import(body: ImportMembersV1, context: RequestContext): Promise<MemberImportReportV1> {
    assertCoordinator(context, 'imports members');
    const today = parisToday();
    const report = importMembersCsv(body.csv, { today });
    if (report.fileErrors.length > 0)
      throw ProblemError.badRequest(report.fileErrors, 'The file cannot be imported.');
    const partial = body.partial ?? false;
    return this.unitOfWork.run(context, async (tx) => {
      await requireTenant(tx.manager, context.tenantId);
      const repository = tx.manager.getRepository(MemberEntity);
      const lines: (ImportLineReportV1 & { fields?: MemberFields })[] = [];
      for (const line of report.lines) {
        const errors = [...line.errors];
        let fields: MemberFields | undefined;
        if (line.accepted && line.registration) {
          fields = fromMemberRegistration(line.registration);
          const wire = validatePlain(RegisterMemberV1, JSON.parse(JSON.stringify(fields)));
          if (!wire.ok) errors.push(...wire.errors);
          else if (fields.identifierKind !== 'NONE') {
            const existing = await repository.findOneBy({
              tenantId: context.tenantId,
              identifierKind: fields.identifierKind,
              identifierValue: fields.identifierValue ?? '',
            });
            if (existing)
              errors.push({
                field: fields.identifierKind,
                reason: `${fields.identifierKind} ${fields.identifierValue ?? ''} is already registered in this CPTS`,
              });
          }
        }
        lines.push({
          line: line.line,
          outcome: errors.length > 0 ? 'refused' : 'not-registered',
          errors,
          notes: line.notes,
          ...(errors.length === 0 && fields ? { fields } : {}),
        });
      }
      const refused = lines.filter((l) => l.outcome === 'refused').length;
      if (refused === 0 || partial) {
        for (const line of lines) {
          if (!line.fields) continue;
          const member = await registerMember(tx, context, line.fields, today);
          line.outcome = 'registered';
          line.memberId = member.id;
        }
      }
      return {
        registered: lines.filter((l) => l.outcome === 'registered').length,
        refused,
        partial,
        lines: lines.map(({ fields: _fields, ...line }) => line),
        fileErrors: [],
        ignoredColumns: report.ignoredColumns,
      };
    });
  }
}
