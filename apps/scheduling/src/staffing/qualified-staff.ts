import type { StaffingNeedV1 } from '@maillage/contracts';

export interface PoolMember {
  memberId: string;
  displayName: string;
  profession: string;
  skills: string[];
}

/** Who fills each need: qualified (profession and/or skill as asked), each person once, in the pool's order. */
export function pickQualified(needs: StaffingNeedV1[], pool: PoolMember[]): PoolMember[][] {
  const taken = new Set<string>();
  return needs.map((need) => {
    const picked: PoolMember[] = [];
    for (const person of pool) {
      if (picked.length >= need.count) break;
      if (taken.has(person.memberId)) continue;
      if (need.profession && person.profession !== need.profession) continue;
      if (need.skill && !person.skills.includes(need.skill)) continue;
      picked.push(person);
      taken.add(person.memberId);
    }
    return picked;
  });
}
