import { CurrentPrincipal, Idempotent, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServiceOfferingResponse } from '../service-offering.response.dto';
import { AddServiceHandler } from './add-service.handler';
import { AddServiceRequest } from './add-service.request.dto';

@ApiTags('catalogue')
@Controller('catalogue')
export class AddServiceHttpController {
  constructor(private readonly addService: AddServiceHandler) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a service to the menu (admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body give the same answer' })
  @ApiCreatedResponse({ type: ServiceOfferingResponse })
  @ApiConflictResponse({ description: 'A service with this code exists (retired ones included: codes are never reused)' })
  async add(@Body() body: AddServiceRequest, @CurrentPrincipal() principal: Principal): Promise<ServiceOfferingResponse> {
    const { code, name, sla, ...rest } = body;
    // Plain objects: the DTO class instances carry nothing the database should store.
    const offering = await this.addService.execute(
      { _id: code, ...rest, name: { 'zh-CN': name['zh-CN'], en: name.en }, sla: { normal: { ...sla.normal }, urgent: { ...sla.urgent } } },
      principal,
    );
    return ServiceOfferingResponse.from(offering);
  }
}
