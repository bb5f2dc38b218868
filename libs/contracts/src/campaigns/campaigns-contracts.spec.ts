import { randomUUID } from 'node:crypto';
import { validatePlain } from '../common/contract';
import { RotaPublishedV1 } from '../scheduling/rota-published.v1';
import { SchedulingSessionChangedV1 } from '../scheduling/session-changed.v1';
import { SendAnnouncementV1 } from './announcement.v1';
import { CampaignReportQueryV1 } from './campaign-report.v1';
import { CreateCampaignV1 } from './campaign.v1';
import { PlanSessionV1, SessionStaffingRequestedV1 } from './session.v1';
import { AddVolunteerV1 } from './volunteer.v1';

const fieldsOf = (result: ReturnType<typeof validatePlain>): string[] =>
  result.ok ? [] : result.errors.map((e) => e.field);

const campaign = {
  title: 'ICOPE automne',
  theme: 'icope-frailty-screening',
  aciMission: 'prevention',
  target: { ageMin: 75, communes: ['26362'] },
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  objectives: [{ indicator: 'people-screened', target: 300 }],
};
const place = { kind: 'village-hall', label: 'Salle des fêtes', commune: '26037' };
const session = {
  campaignId: randomUUID(),
  title: 'Dépistage',
  format: 'screening-day',
  place,
  startsAt: '2026-10-15T09:00:00+02:00',
  endsAt: '2026-10-15T12:00:00+02:00',
  capacity: 40,
  staffingNeeds: [
    { profession: 'nurse', count: 2 },
    { skill: 'icope-trained', count: 6 },
  ],
};

describe('campaigns contracts', () => {
  it('a campaign: valid, then with an unknown theme and a postal code for a commune', () => {
    expect(validatePlain(CreateCampaignV1, campaign).ok).toBe(true);
    expect(
      fieldsOf(
        validatePlain(CreateCampaignV1, {
          ...campaign,
          theme: 'yoga',
          target: { communes: ['26000-'] },
        }),
      ),
    ).toEqual(['theme', 'target.communes']);
  });

  it('a session: valid, then negative capacity, a window without offset and a need naming nobody', () => {
    expect(validatePlain(PlanSessionV1, session).ok).toBe(true);
    expect(
      fieldsOf(
        validatePlain(PlanSessionV1, {
          ...session,
          capacity: -1,
          startsAt: '2026-10-15 09:00',
          staffingNeeds: [{ count: 1 }],
        }),
      ),
    ).toEqual(['startsAt', 'capacity', 'staffingNeeds[0].profession']);
  });

  it('a rider session must name its vaccination session', () => {
    expect(
      fieldsOf(validatePlain(PlanSessionV1, { ...session, format: 'vaccination-rider' })),
    ).toEqual(['vaccinationSessionId']);
    expect(
      validatePlain(PlanSessionV1, {
        ...session,
        format: 'vaccination-rider',
        vaccinationSessionId: 'vacc-1',
      }).ok,
    ).toBe(true);
  });

  it('the staffing request event: valid, then without needs counted', () => {
    const event = {
      requestId: randomUUID(),
      tenantId: 'cpts-sud-valence',
      campaignId: randomUUID(),
      sessionId: randomUUID(),
      title: 'Dépistage',
      place,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      needs: session.staffingNeeds,
    };
    expect(validatePlain(SessionStaffingRequestedV1, event).ok).toBe(true);
    expect(
      fieldsOf(
        validatePlain(SessionStaffingRequestedV1, {
          ...event,
          needs: [{ profession: 'nurse', count: 0 }],
        }),
      ),
    ).toEqual(['needs[0].count']);
  });

  it('a published rota: valid, then an assignee without id', () => {
    const rota = {
      rotaId: randomUUID(),
      revision: 1,
      periodStart: '2026-10-01T00:00:00+02:00',
      periodEnd: '2026-11-01T00:00:00+01:00',
      shifts: [
        {
          shiftId: randomUUID(),
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          profession: 'nurse',
          headcount: 2,
          assignees: [{ memberId: randomUUID(), displayName: 'Claire Martin' }],
          staffingRequestId: randomUUID(),
        },
      ],
    };
    expect(validatePlain(RotaPublishedV1, rota).ok).toBe(true);
    expect(
      fieldsOf(
        validatePlain(RotaPublishedV1, {
          ...rota,
          shifts: [{ ...rota.shifts[0], assignees: [{ displayName: 'X' }] }],
        }),
      ),
    ).toEqual(['shifts[0].assignees[0].memberId']);
  });

  it('a scheduling session moved must carry its new window; cancelled need not', () => {
    expect(
      validatePlain(SchedulingSessionChangedV1, { sessionId: 'v1', change: 'cancelled' }).ok,
    ).toBe(true);
    expect(
      fieldsOf(validatePlain(SchedulingSessionChangedV1, { sessionId: 'v1', change: 'moved' })),
    ).toEqual(['startsAt', 'endsAt']);
  });

  it('volunteers, announcements and the report query', () => {
    expect(
      validatePlain(AddVolunteerV1, {
        campaignId: randomUUID(),
        source: 'external',
        displayName: 'Jeanne',
      }).ok,
    ).toBe(true);
    expect(
      fieldsOf(validatePlain(AddVolunteerV1, { campaignId: randomUUID(), source: 'external' })),
    ).toEqual(['displayName']);
    expect(
      validatePlain(SendAnnouncementV1, {
        campaignId: randomUUID(),
        subject: 's',
        body: 'b',
        audience: { professions: ['nurse'] },
      }).ok,
    ).toBe(true);
    expect(
      fieldsOf(
        validatePlain(SendAnnouncementV1, {
          campaignId: randomUUID(),
          subject: 's',
          body: 'b',
          audience: { communes: ['Valence'] },
        }),
      ),
    ).toEqual(['audience.communes']);
    expect(
      validatePlain(CampaignReportQueryV1, {
        from: '2026-01-01',
        to: '2026-12-31',
        granularity: 'quarter',
        format: 'csv',
      }).ok,
    ).toBe(true);
    expect(
      fieldsOf(
        validatePlain(CampaignReportQueryV1, {
          from: '2026-1-1',
          to: '2026-12-31',
          format: 'xlsx',
        }),
      ),
    ).toEqual(['from', 'format']);
  });
});
