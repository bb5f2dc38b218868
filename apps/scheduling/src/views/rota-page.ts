import { RotaViewV1 } from '@maillage/contracts';

/**
 * A rota a person reads at a glance: one table per page, days across, time
 * bands down, names in the cells, unfilled needs in red with the engine's
 * explanation. Plain HTML and inline CSS: printable, no script.
 */
const WEEKDAYS = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Short French labels of the engine's roles in a cell; an unknown role shows its code. */
const ROLE_LABELS: Record<string, [string, string]> = {
  doctor: ['méd.', 'médecin'],
  gp: ['MG', 'médecin généraliste'],
  nurse: ['inf.', 'infirmier·e'],
};
const roleShort = (role: string): string => ROLE_LABELS[role]?.[0] ?? role;
const roleLong = (role: string): string => ROLE_LABELS[role]?.[1] ?? role;

const localDate = (iso: string): string => iso.slice(0, 10);
const localTime = (iso: string): string => iso.slice(11, 16);

function dayHeader(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[(d.getUTCDay() + 6) % 7]} ${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

const isWeekend = (date: string): boolean =>
  [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

export interface RotaPageOptions {
  title: string;
  subtitle: string;
  /** a member's page: only their shifts, with their role */
  memberId?: string;
  siteId?: string;
}

export function renderRotaPage(rota: RotaViewV1, options: RotaPageOptions): string {
  const shifts = rota.shifts.filter(
    (s) =>
      (!options.siteId || s.siteId === options.siteId) &&
      (!options.memberId || s.assignees.some((a) => a.memberId === options.memberId)),
  );
  const days: string[] = [];
  for (
    let d = new Date(`${rota.periodStart}T00:00:00Z`);
    d <= new Date(`${rota.periodEnd}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    days.push(d.toISOString().slice(0, 10));
  }
  const bands = [
    ...new Set(shifts.map((s) => `${localTime(s.startsAt)}–${localTime(s.endsAt)}`)),
  ].sort();
  const multiSite = new Set(shifts.map((s) => s.label)).size > 1;
  const gaps = shifts.reduce((n, s) => n + s.unfilled.reduce((m, u) => m + u.missing, 0), 0);
  const cell = (day: string, band: string): string => {
    const here = shifts.filter(
      (s) =>
        localDate(s.startsAt) === day && `${localTime(s.startsAt)}–${localTime(s.endsAt)}` === band,
    );
    if (!here.length) return '<td class="none"></td>';
    const parts = here.map((s) => {
      const people = s.assignees
        .filter((a) => !options.memberId || a.memberId === options.memberId)
        .map(
          (a) =>
            `<li><span class="role" title="${escape(roleLong(a.role))}">${escape(roleShort(a.role))}</span><span>${escape(a.displayName)}</span></li>`,
        )
        .join('');
      const unfilled = options.memberId
        ? ''
        : s.unfilled
            .map(
              (u) =>
                `<li class="gap" title="${escape(u.explanation)}"><strong>manque ${u.missing} ${escape(roleLong(u.role))}</strong><br><small>${escape(u.explanation)}</small></li>`,
            )
            .join('');
      return `<div class="shift${s.unfilled.length && !options.memberId ? ' short' : ''}">${multiSite || options.memberId ? `<div class="label">${escape(s.label)}</div>` : ''}<ul>${people}${unfilled}</ul></div>`;
    });
    return `<td>${parts.join('')}</td>`;
  };
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(options.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:16px;color:#1b1b1b}
h1{font-size:20px;margin:0 0 4px}p.sub{margin:0 0 12px;color:#555}
.status{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8f0fe;color:#174ea6;font-size:12px;margin-left:6px}
.status.draft{background:#fff4e5;color:#8a4b00}.summary.bad{color:#b3261e;font-weight:600}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #d0d0d0;padding:4px;vertical-align:top}
th{background:#f3f3f3;font-weight:600;font-size:13px}th.band{width:90px;text-align:left}
td.none{background:#fafafa}ul{list-style:none;margin:0;padding:0}
.shift{margin-bottom:4px}.shift.short{border-left:3px solid #b3261e;padding-left:4px}
.label{font-size:12px;color:#555;margin-bottom:2px}li{display:flex;gap:6px}.role{flex:0 0 34px;font-size:11px;color:#555;padding-top:1px}li.gap{display:block}
th.weekend{background:#e9e4f5}
li.gap{color:#b3261e;margin-top:2px}li.gap small{color:#b3261e}
@media print{body{margin:0}.status{border:1px solid #999}}
</style></head><body>
<h1>${escape(options.title)}<span class="status ${rota.status}">${rota.status === 'draft' ? 'brouillon' : `publié · révision ${rota.revision}`}</span></h1>
<p class="sub">${escape(options.subtitle)} — du ${rota.periodStart} au ${rota.periodEnd}</p>
<p class="summary${gaps ? ' bad' : ''}">${gaps ? `${gaps} poste${gaps > 1 ? 's' : ''} non pourvu${gaps > 1 ? 's' : ''}` : 'Tous les postes sont pourvus'}</p>
<table><thead><tr><th class="band">Horaires</th>${days.map((d) => `<th${isWeekend(d) ? ' class="weekend"' : ''}>${dayHeader(d)}</th>`).join('')}</tr></thead>
<tbody>${bands.map((b) => `<tr><th class="band">${b}</th>${days.map((d) => cell(d, b)).join('')}</tr>`).join('\n') || `<tr><td colspan="${days.length + 1}">Aucune garde</td></tr>`}</tbody></table>
</body></html>`;
}
