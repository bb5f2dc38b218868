import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Role } from '@maillage/contracts';
import { Public } from '@maillage/platform';
import { DevIssuer } from './dev-issuer';

export const DEV_ISSUER_TOKEN = Symbol('DEV_ISSUER');

export class DevTokenBody {
  @ApiProperty({ example: 'coordinator@cpts-sud-valence' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  subject!: string;

  @ApiPropertyOptional({ example: { 'cpts-sud-valence': ['coordinator'] } })
  @IsOptional() @IsObject()
  tenants?: Record<string, Role[]>;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() operator?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() memberId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() partnerId?: string;

  @ApiPropertyOptional({ description: 'lifetime in seconds' })
  @IsOptional() @IsInt() @Min(-86_400) @Max(86_400)
  expiresIn?: number;
}

/** Standalone mode's sign-in: mints tokens for whoever asks. Disabled in distributed deployments. */
@ApiTags('dev issuer')
@Public()
@Controller('dev-issuer')
export class DevIssuerController {
  constructor(@Inject(DEV_ISSUER_TOKEN) private readonly issuer: DevIssuer | null) {}

  @Post('token')
  @HttpCode(201)
  @ApiOperation({ summary: 'Mint a token (standalone mode only)' })
  async token(@Body() body: DevTokenBody): Promise<{ access_token: string; token_type: string }> {
    if (!this.issuer) throw new NotFoundException();
    return { access_token: await this.issuer.mint(body), token_type: 'Bearer' };
  }

  @Get('jwks.json')
  jwks(): object {
    if (!this.issuer) throw new NotFoundException();
    return this.issuer.jwks();
  }
}
