import { CONFIDENTIAL_ORDERS_SCOPE } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';

/** The scopes a subscription holds after this request (replacing what it had): [] withdraws them. */
export class GrantScopesRequest {
  @ApiProperty({ isArray: true, type: String, enum: [CONFIDENTIAL_ORDERS_SCOPE], example: [CONFIDENTIAL_ORDERS_SCOPE] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn([CONFIDENTIAL_ORDERS_SCOPE], { each: true, message: `each scope must be one of: ${CONFIDENTIAL_ORDERS_SCOPE}` })
  scopes: string[];
}
