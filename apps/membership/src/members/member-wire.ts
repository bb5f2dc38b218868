import type {
  FieldError as WireFieldError,
  MemberAvailabilityV1,
  RegisterMemberV1,
} from '@maillage/contracts';
import type { Availability, MemberRegistration, Weekday } from './member-registration';
import { checkMemberRegistration } from './member-rules';

/**
 * The wire body (flat, as the gateway and the first clients send it) read as
 * the domain's `MemberRegistration`, and the domain's field paths turned back
 * into the names the client sent: `practice.communes[2]` → `communes[2]`.
 */
export type MemberFields = Omit<RegisterMemberV1, 'consents'> & {
  consents?: RegisterMemberV1['consents'];
};

export function toDomainAvailability(availability: MemberAvailabilityV1): Availability {
  const { preferredSiteIds, ...rest } = availability;
  return {
    ...rest,
    weekly: availability.weekly.map((slot) => ({ ...slot, weekday: slot.weekday as Weekday })),
    ...(preferredSiteIds ? { preferredSites: preferredSiteIds } : {}),
  };
}

/** Registration starts an open membership period today unless the body says otherwise. */
export function defaultAssociation(today: string): NonNullable<RegisterMemberV1['association']> {
  return { periods: [{ from: today, duesPaid: false }], roles: ['member'] };
}

export function toMemberRegistration(body: MemberFields, today: string): MemberRegistration {
  const association = body.association ?? defaultAssociation(today);
  return {
    identity: {
      lastName: body.lastName,
      firstName: body.firstName,
      email: body.email ?? '',
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
    },
    profession: {
      code: body.profession as never,
      ...(body.specialty !== undefined ? { specialty: body.specialty as never } : {}),
    },
    identifier: {
      kind: body.identifierKind,
      ...(body.identifierValue !== undefined ? { value: body.identifierValue } : {}),
    },
    practice: {
      communes: body.communes,
      structure: {
        kind: body.structureKind ?? 'SOLO',
        ...(body.structureName ? { name: body.structureName } : {}),
      },
      status: body.status,
    },
    skills: body.skills.map((s) => ({
      code: s.code as never,
      ...(s.trainedOn ? { trainedOn: s.trainedOn } : {}),
    })),
    association: {
      periods: association.periods,
      ...(association.college ? { college: association.college } : {}),
      roles: association.roles,
      votingRights: body.votingRights,
    },
    availability: toDomainAvailability(body.availability),
    consent: (body.consents ?? []).map((c) => ({
      purpose: c.purpose,
      givenAt: c.givenAt,
      ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
    })),
  };
}

const WIRE_NAMES: readonly [RegExp, string][] = [
  [/^identity\./, ''],
  [/^profession\.code/, 'profession'],
  [/^profession\.specialty/, 'specialty'],
  [/^identifier\.kind/, 'identifierKind'],
  [/^identifier\.value/, 'identifierValue'],
  [/^practice\.communes/, 'communes'],
  [/^practice\.structure\.kind/, 'structureKind'],
  [/^practice\.structure\.name/, 'structureName'],
  [/^practice\.structure$/, 'structureKind'],
  [/^practice\.status/, 'status'],
  [/^association\.votingRights/, 'votingRights'],
  [/^availability\.preferredSites/, 'availability.preferredSiteIds'],
  [/^consent\b/, 'consents'],
];

export function toWireField(field: string): string {
  for (const [pattern, replacement] of WIRE_NAMES)
    if (pattern.test(field)) return field.replace(pattern, replacement);
  return field;
}

/** The membership rules on a wire body, with wire field names. An email is optional on the wire. */
export function checkMemberFields(body: MemberFields, today: string): WireFieldError[] {
  return checkMemberRegistration(toMemberRegistration(body, today), { today })
    .filter((e) => !(e.field === 'identity.email' && body.email === undefined))
    .map((e) => ({ field: toWireField(e.field), reason: e.reason }));
}

/** A domain registration (an import line, a demo member) as the wire body a registration takes. */
export function fromMemberRegistration(r: MemberRegistration): MemberFields {
  const { preferredSites, ...availability } = r.availability;
  return {
    lastName: r.identity.lastName,
    firstName: r.identity.firstName,
    ...(r.identity.email ? { email: r.identity.email } : {}),
    ...(r.identity.phone ? { phone: r.identity.phone } : {}),
    profession: r.profession.code,
    ...(r.profession.specialty ? { specialty: r.profession.specialty } : {}),
    identifierKind: r.identifier.kind,
    ...(r.identifier.kind !== 'NONE' && r.identifier.value
      ? { identifierValue: r.identifier.value }
      : {}),
    communes: r.practice.communes,
    status: r.practice.status,
    structureKind: r.practice.structure.kind,
    ...(r.practice.structure.name ? { structureName: r.practice.structure.name } : {}),
    skills: r.skills.map((s) => ({
      code: s.code,
      ...(s.trainedOn ? { trainedOn: s.trainedOn } : {}),
    })),
    availability: {
      ...availability,
      ...(preferredSites ? { preferredSiteIds: preferredSites } : {}),
    },
    votingRights: r.association.votingRights,
    association: {
      periods: r.association.periods,
      ...(r.association.college ? { college: r.association.college } : {}),
      roles: r.association.roles,
    },
    consents: r.consent,
  };
}
