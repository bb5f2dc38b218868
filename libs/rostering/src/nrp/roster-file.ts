import { NrpAssignment } from './nrp-instance';

/**
 * `.roster` files: one `employeeId,day,shiftId` a line, day counted from 0. The
 * benchmark re-reads the file it wrote, so the scored rota is the one on disk.
 */
export function writeRoster(assignments: NrpAssignment[]): string {
  const sorted = [...assignments].sort((a, b) => a.day - b.day || compare(a.employeeId, b.employeeId) || compare(a.shiftId, b.shiftId));
  return sorted.map(({ employeeId, day, shiftId }) => `${employeeId},${day},${shiftId}\n`).join('');
}

/** Blank lines and `#` comments are skipped; anything else malformed throws naming its line. */
export function readRoster(text: string): NrpAssignment[] {
  const assignments: NrpAssignment[] = [];
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length !== 3 || fields.some((field) => field === '')) {
      throw new Error(`roster line ${index + 1}: expected employeeId,day,shiftId, got "${line}"`);
    }
    const [employeeId, day, shiftId] = fields;
    if (!/^\d+$/.test(day)) throw new Error(`roster line ${index + 1}: day must be a whole number, got "${day}"`);
    assignments.push({ employeeId, day: Number(day), shiftId });
  });
  return assignments;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
