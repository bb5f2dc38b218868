import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  ChangeSiteOperator,
  ChangeSiteOperatorV1,
  CreateSite,
  CreateSiteV1,
  DeclareVaccinationSession,
  DeclareVaccinationSessionV1,
  FieldError,
  GetSite,
  ListSites,
  ListSitesV1,
  ProblemError,
  SiteListV1,
  SiteRefV1,
  SiteViewV1,
  VaccinationSessionViewV1,
} from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { boxesForDoses } from '@maillage/rostering';
import { requireCoordinator, rowsOf, SqlRow, requireReader } from '../rota/access';
import { hhmmToMinutes, isoWeekday, minutesToHhmm } from '../rota/paris-time';

const S = '"scheduling"';
/** Field figure: 18 boxes ≈ 130 vaccinations an hour. */
export const DEFAULT_THROUGHPUT_PER_BOX_PER_HOUR = 7;

/** What class-validator cannot say about a site: hours in order, line names unique. */
export function checkSite(site: CreateSiteV1): FieldError[] {
  const errors: FieldError[] = [];
  (site.openingHours ?? []).forEach((h, i) => {
    if (hhmmToMinutes(h.end) <= hhmmToMinutes(h.start))
      errors.push({ field: `openingHours[${i}].end`, reason: 'must be after start' });
  });
  const names = (site.lines ?? []).map((l) => l.name);
  if (new Set(names).size !== names.length)
    errors.push({ field: 'lines', reason: 'two lines have the same name' });
  if (site.kind === 'snp-sector' && site.lines)
    errors.push({ field: 'lines', reason: 'an SNP sector has time bands, not vaccination lines' });
  if (site.kind === 'vaccination-centre' && site.bands)
    errors.push({ field: 'bands', reason: 'a vaccination centre has lines, not SNP bands' });
  return errors;
}

function siteView(r: SqlRow): SiteViewV1 {
  return {
    siteId: r.site_id,
    kind: r.kind,
    name: r.name,
    ...(r.commune ? { commune: r.commune } : {}),
    operator: r.operator,
    operators: r.operators,
    ...(r.lines ? { lines: r.lines } : {}),
    ...(r.opening_hours ? { openingHours: r.opening_hours } : {}),
    ...(r.throughput_per_box_per_hour
      ? { throughputPerBoxPerHour: r.throughput_per_box_per_hour }
      : {}),
    ...(r.bands ? { bands: r.bands } : {}),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function findSite(
  manager: EntityManager,
  tenantId: string,
  siteId: string,
  lock = false,
): Promise<SqlRow> {
  const rows: SqlRow[] = await manager.query(
    `SELECT * FROM ${S}.sites WHERE tenant_id = $1 AND site_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [tenantId, siteId],
  );
  if (!rows.length) throw ProblemError.notFound(`no site ${siteId} in this CPTS`);
  return rows[0];
}

/** Vaccination centres and SNP sectors of the CPTS, their operator and their dose supply. */
@Injectable()
export class SitesService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(CreateSite)
  async create(site: CreateSiteV1, context: RequestContext): Promise<SiteViewV1> {
    requireCoordinator(context, 'creates a site');
    const errors = checkSite(site);
    if (errors.length) throw ProblemError.badRequest(errors);
    const today = new Date().toISOString().slice(0, 10);
    return this.unitOfWork.run(context, async (tx) => {
      const rows: SqlRow[] = await tx.manager.query(
        `INSERT INTO ${S}.sites (tenant_id, site_id, kind, name, commune, operator, operators, lines, opening_hours, throughput_per_box_per_hour, bands, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now()) RETURNING *`,
        [
          context.tenantId,
          randomUUID(),
          site.kind,
          site.name,
          site.commune ?? null,
          site.operator,
          JSON.stringify([{ operator: site.operator, from: today }]),
          site.lines ? JSON.stringify(site.lines) : null,
          site.openingHours ? JSON.stringify(site.openingHours) : null,
          site.kind === 'vaccination-centre'
            ? (site.throughputPerBoxPerHour ?? DEFAULT_THROUGHPUT_PER_BOX_PER_HOUR)
            : null,
          site.bands ? JSON.stringify(site.bands) : null,
        ],
      );
      return siteView(rows[0]);
    });
  }

  @OnRequest(GetSite)
  async get(query: SiteRefV1, context: RequestContext): Promise<SiteViewV1> {
    requireReader(context);
    return this.unitOfWork.read(context.tenantId, async (manager) =>
      siteView(await findSite(manager, context.tenantId, query.siteId)),
    );
  }

  @OnRequest(ListSites)
  async list(_query: ListSitesV1, context: RequestContext): Promise<SiteListV1> {
    requireReader(context);
    const rows: SqlRow[] = await this.unitOfWork.read(context.tenantId, (manager) =>
      manager.query(`SELECT * FROM ${S}.sites WHERE tenant_id = $1 ORDER BY name, site_id`, [
        context.tenantId,
      ]),
    );
    return { sites: rows.map(siteView) };
  }

  /** A site can change operator (the prefect hands a centre to the fire brigade); its history is kept. */
  @OnRequest(ChangeSiteOperator)
  async changeOperator(
    command: ChangeSiteOperatorV1,
    context: RequestContext,
  ): Promise<SiteViewV1> {
    requireCoordinator(context, "changes a site's operator");
    return this.unitOfWork.run(context, async (tx) => {
      const site = await findSite(tx.manager, context.tenantId, command.siteId, true);
      const history = site.operators as { operator: string; from: string }[];
      if (command.from < history[history.length - 1].from) {
        throw ProblemError.badRequest([
          {
            field: 'from',
            reason: `must not be before the current operator's start (${history[history.length - 1].from})`,
          },
        ]);
      }
      const result: unknown = await tx.manager.query(
        `UPDATE ${S}.sites SET operator = $3, operators = $4, updated_at = now() WHERE tenant_id = $1 AND site_id = $2 RETURNING *`,
        [
          context.tenantId,
          command.siteId,
          command.operator,
          JSON.stringify([...history, { operator: command.operator, from: command.from }]),
        ],
      );
      return siteView(rowsOf<SqlRow>(result)[0]);
    });
  }

  /** The doses delivered for one session of a line decide how many boxes open (the engine's boxesForDoses). */
  @OnRequest(DeclareVaccinationSession)
  async declareSession(
    command: DeclareVaccinationSessionV1,
    context: RequestContext,
  ): Promise<VaccinationSessionViewV1> {
    requireCoordinator(context, 'declares dose supply');
    return this.unitOfWork.run(context, async (tx) => {
      const site = await findSite(tx.manager, context.tenantId, command.siteId);
      if (site.kind !== 'vaccination-centre')
        throw ProblemError.badRequest([
          { field: 'siteId', reason: 'dose supply is for vaccination centres' },
        ]);
      const line = (site.lines as { name: string; boxes: number }[]).find(
        (l) => l.name === command.line,
      );
      if (!line)
        throw ProblemError.badRequest([
          {
            field: 'line',
            reason: `the centre's lines are ${(site.lines as { name: string }[]).map((l) => l.name).join(', ')}`,
          },
        ]);
      const start = hhmmToMinutes(command.start);
      const end = hhmmToMinutes(command.end);
      if (end <= start)
        throw ProblemError.badRequest([{ field: 'end', reason: 'must be after start' }]);
      const hours = (
        site.opening_hours as { weekday: number; start: string; end: string }[]
      ).filter((h) => h.weekday === isoWeekday(command.date));
      if (!hours.some((h) => hhmmToMinutes(h.start) <= start && end <= hhmmToMinutes(h.end))) {
        const open = hours.map((h) => `${h.start}–${h.end}`).join(', ') || 'closed';
        throw ProblemError.badRequest([
          { field: 'start', reason: `the centre is open ${open} that day` },
        ]);
      }
      const boxes = boxesForDoses(
        command.doses,
        site.throughput_per_box_per_hour ?? DEFAULT_THROUGHPUT_PER_BOX_PER_HOUR,
        (end - start) / 60,
        line.boxes,
      );
      const rows: SqlRow[] = await tx.manager.query(
        `INSERT INTO ${S}.vaccination_sessions (tenant_id, session_id, site_id, line, day, start_minute, end_minute, doses, boxes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, site_id, line, day, start_minute) DO UPDATE SET end_minute = EXCLUDED.end_minute, doses = EXCLUDED.doses, boxes = EXCLUDED.boxes
         RETURNING session_id`,
        [
          context.tenantId,
          randomUUID(),
          command.siteId,
          command.line,
          command.date,
          start,
          end,
          command.doses,
          boxes,
        ],
      );
      return {
        sessionId: rows[0].session_id,
        siteId: command.siteId,
        line: command.line,
        date: command.date,
        start: minutesToHhmm(start),
        end: minutesToHhmm(end),
        doses: command.doses,
        boxes,
      };
    });
  }
}
