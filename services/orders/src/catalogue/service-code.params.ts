import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** `{code}` of a menu entry: the lower-case code services are added with. */
export class ServiceCodeParams {
  @ApiProperty({ example: 'after-school-care' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'code must be a service code' })
  code: string;
}
