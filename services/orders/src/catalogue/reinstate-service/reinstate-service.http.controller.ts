import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ServiceCodeParams } from '../service-code.params';
import { ReinstateServiceHandler } from './reinstate-service.handler';

class ReinstatedServiceResponse {
  @ApiProperty({ example: 'after-school-care' }) code: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was last put back on the menu; null if it was never retired' })
  reinstatedAt: string | null;
}

@ApiTags('catalogue')
@Controller('catalogue')
export class ReinstateServiceHttpController {
  constructor(private readonly reinstating: ReinstateServiceHandler) {}

  @Post(':code/reinstate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Put a retired service back on the menu (admin; idempotent)',
    description:
      'It can be ordered again, with the clocks it had; `lantern.menu-service.reinstated.v1` is published. A service on the menu is left as it is (200).',
  })
  @ApiOkResponse({ type: ReinstatedServiceResponse })
  @ApiProblemResponses({
    400: 'param.code is not a service code',
    401: 'No valid bearer token',
    403: 'Only admins change the menu',
    404: 'No service has this code',
  })
  async reinstate(@Param() { code }: ServiceCodeParams, @CurrentPrincipal() principal: Principal): Promise<ReinstatedServiceResponse> {
    return { code, ...(await this.reinstating.execute(code, principal)) };
  }
}
