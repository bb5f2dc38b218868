import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import {
  CalendarDocumentV1,
  CalendarFeedViewV1,
  IssueCalendarFeed,
  IssueCalendarFeedV1,
  ProblemError,
  ReadCalendarFeed,
  ReadCalendarFeedV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { requireCoordinator, requireSelfOrCoordinator, SqlRow } from '../rota/access';

const S = '"scheduling"';
const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * iCalendar (RFC 5545) feeds of published rotas, one secret URL per member and
 * per site (calendar clients send no bearer token). Event UIDs are stable
 * (shift, or shift + member), SEQUENCE is the rota revision that last changed
 * the event and LAST-MODIFIED its time, so clients update in place.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(IssueCalendarFeed)
  async issue(command: IssueCalendarFeedV1, context: RequestContext): Promise<CalendarFeedViewV1> {
    if (command.kind === 'member')
      requireSelfOrCoordinator(context, command.subjectId, 'gets a calendar feed');
    else requireCoordinator(context, "issues a site's calendar feed");
    const token = randomBytes(32).toString('base64url');
    await this.unitOfWork.run(context, async (tx) => {
      const table = command.kind === 'member' ? 'staff_members' : 'sites';
      const column = command.kind === 'member' ? 'member_id' : 'site_id';
      const exists: unknown[] = await tx.manager.query(
        `SELECT 1 FROM ${S}.${table} WHERE tenant_id = $1 AND ${column} = $2`,
        [context.tenantId, command.subjectId],
      );
      if (!exists.length)
        throw ProblemError.notFound(`no ${command.kind} ${command.subjectId} in this CPTS`);
      // issuing again replaces (revokes) the previous URL
      await tx.manager.query(
        `INSERT INTO ${S}.calendar_feeds (tenant_id, kind, subject_id, token_hash, created_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (tenant_id, kind, subject_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
        [context.tenantId, command.kind, command.subjectId, hash(token)],
      );
    });
    return {
      kind: command.kind,
      subjectId: command.subjectId,
      token,
      path: `/v1/tenants/${context.tenantId}/calendars/${token}.ics`,
    };
  }

  @OnRequest(ReadCalendarFeed)
  async read(query: ReadCalendarFeedV1, context: RequestContext): Promise<CalendarDocumentV1> {
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const feeds: { kind: string; subject_id: string }[] = await manager.query(
        `SELECT kind, subject_id FROM ${S}.calendar_feeds WHERE tenant_id = $1 AND token_hash = $2`,
        [context.tenantId, hash(query.token)],
      );
      if (!feeds.length)
        throw ProblemError.notFound(
          'no calendar at this address (the link may have been replaced)',
        );
      const { kind, subject_id: subjectId } = feeds[0];
      if (kind === 'member') {
        const rows: SqlRow[] = await manager.query(
          `SELECT a.shift_id, a.role, a.since_revision, a.assigned_at, s.label, s.starts_at, s.ends_at, s.site_id, r.rota_id, si.name AS site_name
             FROM ${S}.rota_assignments a
             JOIN ${S}.rotas r ON r.tenant_id = a.tenant_id AND r.rota_id = a.rota_id AND r.status = 'published'
             JOIN ${S}.rota_shifts s ON s.tenant_id = a.tenant_id AND s.rota_id = a.rota_id AND s.shift_id = a.shift_id
             LEFT JOIN ${S}.sites si ON si.tenant_id = s.tenant_id AND si.site_id = s.site_id
            WHERE a.tenant_id = $1 AND a.member_id = $2 ORDER BY s.starts_at`,
          [context.tenantId, subjectId],
        );
        const names: { display_name: string }[] = await manager.query(
          `SELECT display_name FROM ${S}.staff_members WHERE tenant_id = $1 AND member_id = $2`,
          [context.tenantId, subjectId],
        );
        const calendar = ical({
          name: `Maillage — ${names[0]?.display_name ?? 'mes gardes'}`,
          prodId: { company: 'Maillage', product: 'rotas', language: 'FR' },
        });
        for (const r of rows) {
          calendar.createEvent({
            id: `${r.shift_id}.${subjectId}@maillage`,
            start: new Date(r.starts_at),
            end: new Date(r.ends_at),
            stamp: new Date(r.assigned_at),
            lastModified: new Date(r.assigned_at),
            sequence: r.since_revision,
            summary: `${r.role} — ${r.label}`,
            ...(r.site_name ? { location: r.site_name } : {}),
            status: ICalEventStatus.CONFIRMED,
          });
        }
        return { ics: calendar.toString() };
      }
      const rows: SqlRow[] = await manager.query(
        `SELECT s.*, (SELECT coalesce(json_agg(json_build_object('role', a.role, 'name', coalesce(m.display_name, a.member_id::text)) ORDER BY a.role), '[]')
                        FROM ${S}.rota_assignments a LEFT JOIN ${S}.staff_members m ON m.tenant_id = a.tenant_id AND m.member_id = a.member_id
                       WHERE a.tenant_id = s.tenant_id AND a.rota_id = s.rota_id AND a.shift_id = s.shift_id) AS assignees
           FROM ${S}.rota_shifts s JOIN ${S}.rotas r ON r.tenant_id = s.tenant_id AND r.rota_id = s.rota_id AND r.status = 'published'
          WHERE s.tenant_id = $1 AND s.site_id = $2 ORDER BY s.starts_at`,
        [context.tenantId, subjectId],
      );
      const site: { name: string }[] = await manager.query(
        `SELECT name FROM ${S}.sites WHERE tenant_id = $1 AND site_id = $2`,
        [context.tenantId, subjectId],
      );
      const calendar = ical({
        name: `Maillage — ${site[0]?.name ?? 'site'}`,
        prodId: { company: 'Maillage', product: 'rotas', language: 'FR' },
      });
      for (const r of rows) {
        const assignees = (r.assignees as { role: string; name: string }[]).map(
          (a) => `${a.role}: ${a.name}`,
        );
        const gaps = (r.unfilled as { explanation: string }[]).map(
          (u) => `MANQUE — ${u.explanation}`,
        );
        calendar.createEvent({
          id: `${r.shift_id}@maillage`,
          start: new Date(r.starts_at),
          end: new Date(r.ends_at),
          stamp: new Date(r.changed_at),
          lastModified: new Date(r.changed_at),
          sequence: r.changed_revision,
          summary: r.label,
          description: [...assignees, ...gaps].join('\n'),
        });
      }
      return { ics: calendar.toString() };
    });
  }
}
