import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  EventContract,
  NotifiedPersonV1,
  SessionCancelled,
  SessionMoved,
  SessionPlaceV1,
} from '@maillage/contracts';
import { VolunteerEntity } from '../volunteers/volunteer.entity';
import { SessionAssignmentEntity } from './session-assignment.entity';
import { SessionEntity } from './session.entity';
import { SessionNotificationEntity } from './session-notification.entity';

type Emit = <P extends object>(contract: EventContract<P>, payload: P) => Promise<unknown>;

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'full',
  timeStyle: 'short',
});

/**
 * Everyone a change of the session concerns: the people the rota put on it and
 * the volunteers signed up for it (a person on both lists is told once).
 */
async function peopleOn(
  manager: EntityManager,
  session: SessionEntity,
): Promise<NotifiedPersonV1[]> {
  const where = { tenantId: session.tenantId, sessionId: session.sessionId };
  const assigned = await manager
    .getRepository(SessionAssignmentEntity)
    .find({ where, order: { displayName: 'ASC' } });
  const volunteers = await manager
    .getRepository(VolunteerEntity)
    .find({ where, order: { displayName: 'ASC' } });
  const people: NotifiedPersonV1[] = [];
  const members = new Set<string>();
  for (const a of assigned) {
    if (members.has(a.memberId)) continue;
    members.add(a.memberId);
    people.push({ memberId: a.memberId, displayName: a.displayName });
  }
  for (const v of volunteers) {
    if (v.memberId && members.has(v.memberId)) continue;
    if (v.memberId) members.add(v.memberId);
    people.push({
      ...(v.memberId ? { memberId: v.memberId } : {}),
      volunteerId: v.volunteerId,
      displayName: v.displayName,
    });
  }
  return people;
}

async function recordNotifications(
  manager: EntityManager,
  session: SessionEntity,
  kind: SessionNotificationEntity['kind'],
  message: string,
): Promise<NotifiedPersonV1[]> {
  const people = await peopleOn(manager, session);
  const now = new Date();
  if (people.length) {
    await manager.getRepository(SessionNotificationEntity).insert(
      people.map((person) => ({
        tenantId: session.tenantId,
        notificationId: randomUUID(),
        sessionId: session.sessionId,
        kind,
        memberId: person.memberId ?? null,
        volunteerId: person.volunteerId ?? null,
        displayName: person.displayName,
        message,
        createdAt: now,
      })),
    );
  }
  return people;
}

/** Moves a planned session and tells those on it; the caller has checked the new window. */
export async function applyMove(
  manager: EntityManager,
  emit: Emit,
  session: SessionEntity,
  change: {
    startsAt: Date;
    endsAt: Date;
    place?: SessionPlaceV1;
    reason?: string;
    movedBy: 'coordinator' | 'vaccination-session';
  },
): Promise<SessionEntity> {
  const previous = { startsAt: session.startsAt, endsAt: session.endsAt };
  session.startsAt = change.startsAt;
  session.endsAt = change.endsAt;
  if (change.place) session.place = { ...change.place };
  session.updatedAt = new Date();
  await manager.getRepository(SessionEntity).save(session);
  const message =
    `« ${session.title} » est déplacée au ${PARIS.format(change.startsAt)} (${session.place.label})` +
    (change.reason ? ` : ${change.reason}` : '.');
  const notified = await recordNotifications(manager, session, 'session-moved', message);
  await emit(SessionMoved, {
    campaignId: session.campaignId,
    sessionId: session.sessionId,
    ...(session.staffingRequestId ? { staffingRequestId: session.staffingRequestId } : {}),
    place: session.place,
    startsAt: change.startsAt.toISOString(),
    endsAt: change.endsAt.toISOString(),
    previousStartsAt: previous.startsAt.toISOString(),
    previousEndsAt: previous.endsAt.toISOString(),
    movedBy: change.movedBy,
    notified,
  });
  return session;
}

/** Cancels a planned session and tells those on it. */
export async function applyCancel(
  manager: EntityManager,
  emit: Emit,
  session: SessionEntity,
  change: { reason: string; cancelledBy: 'coordinator' | 'vaccination-session' },
): Promise<SessionEntity> {
  session.status = 'cancelled';
  session.cancelReason = change.reason;
  session.updatedAt = new Date();
  await manager.getRepository(SessionEntity).save(session);
  const message = `« ${session.title} » du ${PARIS.format(session.startsAt)} est annulée : ${change.reason}`;
  const notified = await recordNotifications(manager, session, 'session-cancelled', message);
  await emit(SessionCancelled, {
    campaignId: session.campaignId,
    sessionId: session.sessionId,
    ...(session.staffingRequestId ? { staffingRequestId: session.staffingRequestId } : {}),
    reason: change.reason,
    cancelledBy: change.cancelledBy,
    notified,
  });
  return session;
}
