import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { defineRequest } from '../common/contract';

/** Body of POST /rotas/{rotaId}/swaps: two members exchange two shifts of a published rota. */
export class ProposeSwapBodyV1 {
  @ApiProperty({ format: 'uuid', description: 'the member asking' }) @IsUUID() memberId!: string;
  @ApiProperty({ format: 'uuid', description: 'the shift they give away' })
  @IsUUID()
  shiftId!: string;
  @ApiProperty({ format: 'uuid', description: 'the member they swap with' })
  @IsUUID()
  withMemberId!: string;
  @ApiProperty({ format: 'uuid', description: 'the shift they take' })
  @IsUUID()
  withShiftId!: string;
}
export class ProposeSwapV1 extends ProposeSwapBodyV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() rotaId!: string;
}

export const SWAP_STATUSES = ['proposed', 'accepted', 'refused'] as const;

export class SwapViewV1 extends ProposeSwapBodyV1 {
  @ApiProperty({ format: 'uuid' }) swapId!: string;
  @ApiProperty({ format: 'uuid' }) rotaId!: string;
  @ApiProperty({ enum: SWAP_STATUSES }) status!: (typeof SWAP_STATUSES)[number];
  @ApiProperty() updatedAt!: string;
}

/** The other member (or a coordinator) accepts: applied only if the rota stays valid. */
export class AcceptSwapV1 {
  @ApiProperty({ format: 'uuid' }) @IsUUID() swapId!: string;
}

export const ProposeSwap = defineRequest<ProposeSwapV1, SwapViewV1>(
  'scheduling.swap.propose.v1',
  ProposeSwapV1,
);
export const AcceptSwap = defineRequest<AcceptSwapV1, SwapViewV1>(
  'scheduling.swap.accept.v1',
  AcceptSwapV1,
);
