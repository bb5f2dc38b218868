import { RotaSummaryV1, RotaViewV1 } from '@maillage/contracts';
import { parisIso } from './paris-time';
import { LoadedRota, RotaRecord } from './rota-store';

export function rotaView(loaded: LoadedRota, names: Map<string, string>): RotaViewV1 {
  const { rota } = loaded;
  const memberName = new Map(rota.problem.members.map((m) => [m.id, m.name ?? m.id]));
  return {
    rotaId: rota.rotaId,
    jobId: rota.jobId,
    status: rota.status,
    revision: rota.revision,
    siteIds: rota.siteIds,
    periodStart: rota.periodStart,
    periodEnd: rota.periodEnd,
    hard: rota.hard,
    soft: rota.soft,
    updatedAt: rota.updatedAt.toISOString(),
    shifts: loaded.shifts.map((shift) => ({
      shiftId: shift.shiftId,
      ...(shift.siteId ? { siteId: shift.siteId } : {}),
      ...(shift.staffingRequestId ? { staffingRequestId: shift.staffingRequestId } : {}),
      label: shift.label,
      kind: shift.kind,
      startsAt: parisIso(shift.startsAt),
      endsAt: parisIso(shift.endsAt),
      needs: shift.needs,
      assignees: loaded.assignments
        .filter((a) => a.shiftId === shift.shiftId)
        .map((a) => ({
          memberId: a.memberId,
          role: a.role,
          displayName: names.get(a.memberId) ?? memberName.get(a.memberId) ?? a.memberId,
        })),
      unfilled: shift.unfilled,
    })),
  };
}

export const rotaSummary = (rota: RotaRecord): RotaSummaryV1 => ({
  rotaId: rota.rotaId,
  status: rota.status,
  revision: rota.revision,
  siteIds: rota.siteIds,
  periodStart: rota.periodStart,
  periodEnd: rota.periodEnd,
  updatedAt: rota.updatedAt.toISOString(),
});
