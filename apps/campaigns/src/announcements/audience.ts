import type { AnnouncementAudienceV1 } from '@maillage/contracts';

export interface Reachable {
  memberId: string;
  profession: string;
  skills: string[];
  communes: string[];
  active: boolean;
}

/**
 * Whether a member is in the audience: active, and matching every dimension the
 * audience names (any of its values); an empty audience reaches every member.
 */
export function inAudience(member: Reachable, audience: AnnouncementAudienceV1): boolean {
  if (!member.active) return false;
  if (audience.professions?.length && !audience.professions.includes(member.profession))
    return false;
  if (audience.communes?.length && !audience.communes.some((c) => member.communes.includes(c)))
    return false;
  if (audience.skills?.length && !audience.skills.some((s) => member.skills.includes(s)))
    return false;
  return true;
}
