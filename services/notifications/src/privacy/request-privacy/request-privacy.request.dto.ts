import { PRIVACY_REQUEST_KINDS, PrivacyRequestKind } from '@lantern/contracts';
import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';

export class RequestPrivacyRequest {
  @ApiProperty({
    enum: PRIVACY_REQUEST_KINDS,
    description:
      'export: everything the five services hold about the person; erasure: their personal fields made unreadable everywhere (their keys deleted); consent-withdrawal: a volunteer withdraws consent (volunteers and notifications forget their personal and contact data, hours are kept)',
  })
  @IsIn(PRIVACY_REQUEST_KINDS)
  kind: PrivacyRequestKind;

  @ApiPropertyOptional({ example: 'res-001', description: 'Whose data: an admin names the person; anyone else may only name themselves (the default)', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$' })
  @Omittable()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, { message: 'personId must be a subject id' })
  personId?: string;
}
