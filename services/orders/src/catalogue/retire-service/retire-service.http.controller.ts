import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ServiceCodeParams } from '../service-code.params';
import { RetireServiceHandler } from './retire-service.handler';

class RetiredServiceResponse {
  @ApiProperty({ example: 'after-school-care' }) code: string;
  @ApiProperty({ format: 'date-time' }) retiredAt: string;
}

@ApiTags('catalogue')
@Controller('catalogue')
export class RetireServiceHttpController {
  constructor(private readonly retiring: RetireServiceHandler) {}

  @Post(':code/retire')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Take a service off the menu (admin; idempotent). Orders already placed carry on; new ones are refused.',
    description: '`lantern.menu-service.retired.v1` is published. Retiring a retired service keeps its first date. `POST …/reinstate` undoes it.',
  })
  @ApiOkResponse({ type: RetiredServiceResponse })
  @ApiProblemResponses({
    400: 'param.code is not a service code',
    401: 'No valid bearer token',
    403: 'Only admins change the menu',
    404: 'No service has this code',
  })
  async retire(@Param() { code }: ServiceCodeParams, @CurrentPrincipal() principal: Principal): Promise<RetiredServiceResponse> {
    return { code, ...(await this.retiring.execute(code, principal)) };
  }
}
