import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message owed to someone on a session that moved or was cancelled (delivered by a channel later). */
@Entity({ name: 'notifications' })
export class SessionNotificationEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'notification_id' }) notificationId!: string;
  @Column('uuid', { name: 'session_id' }) sessionId!: string;
  @Column('text') kind!: 'session-moved' | 'session-cancelled';
  @Column('uuid', { name: 'member_id', nullable: true }) memberId!: string | null;
  @Column('uuid', { name: 'volunteer_id', nullable: true }) volunteerId!: string | null;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text') message!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
