import {
  IsDateString,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
} from 'class-validator';

/**
 * What every event carries on the wire, whatever its payload. The event id is
 * also the JetStream message id, so a re-published event is deduplicated by the
 * server and by each consumer's inbox.
 */
export class EventEnvelope<P = unknown> {
  @IsUUID()
  eventId!: string;

  /** The subject, e.g. `membership.member.registered.v1`. */
  @Matches(/^[a-z]+(\.[a-z-]+)+\.v\d+$/)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  @IsNotEmpty()
  tenantId!: string;

  @IsDateString()
  occurredAt!: string;

  @IsString()
  @IsNotEmpty()
  correlationId!: string;

  @IsOptional()
  @IsString()
  causationId?: string | null;

  @IsObject()
  payload!: P;
}

/** Who caused a message: carried from the HTTP request through every event. */
export interface MessageContext {
  tenantId: string;
  correlationId: string;
  causationId?: string | null;
}
