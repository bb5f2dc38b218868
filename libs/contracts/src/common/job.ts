import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FieldError } from './contract';

/**
 * A long operation (rota generation, a large import) as a resource: the
 * creating POST answers 202 with `Location: …/jobs/{jobId}`; the client polls
 * that URL or opens `…/jobs/{jobId}/events` (server-sent events) for progress.
 */
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

export class JobProgressV1 {
  @ApiProperty({ example: 1200, description: 'units of work done (iterations, lines…)' })
  done!: number;

  @ApiPropertyOptional({ example: 5000 })
  total?: number;

  @ApiPropertyOptional({ example: 'improving: 3 soft penalties left' })
  message?: string;
}

export class JobErrorV1 {
  @ApiProperty() title!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() errors?: FieldError[];
}

export class JobViewV1 {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ example: 'rota-generation' }) kind!: string;
  @ApiProperty({ enum: JOB_STATES }) state!: JobState;
  @ApiProperty({ type: JobProgressV1 }) progress!: JobProgressV1;
  @ApiPropertyOptional({
    description: 'where the result is, once the job succeeded',
    example: '/v1/tenants/cpts-sud-valence/rotas/…',
  })
  resultLocation?: string;
  @ApiPropertyOptional({ type: JobErrorV1 }) error?: JobErrorV1;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'changes whenever state or progress change' }) updatedAt!: string;
}

/** Body of a service's "get job" request. */
export class GetJobV1 {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobId!: string;
}

export const isTerminalJobState = (state: JobState): boolean => TERMINAL_JOB_STATES.includes(state);
