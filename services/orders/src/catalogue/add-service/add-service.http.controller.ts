import { Idempotent, Roles } from '@lantern/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueRepository } from '../catalogue.repository';
import { ServiceOfferingResponse } from '../service-offering.response.dto';
import { AddServiceRequest } from './add-service.request.dto';

@ApiTags('catalogue')
@Controller('catalogue')
export class AddServiceHttpController {
  constructor(private readonly catalogue: CatalogueRepository) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a service to the menu (admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body give the same answer' })
  @ApiCreatedResponse({ type: ServiceOfferingResponse })
  @ApiConflictResponse({ description: 'A service with this code exists (retired ones included: codes are never reused)' })
  async add(@Body() body: AddServiceRequest): Promise<ServiceOfferingResponse> {
    const { code, name, sla, ...rest } = body;
    // Plain objects: the DTO class instances carry nothing the database should store.
    const offering = await this.catalogue.add({ _id: code, ...rest, name: { 'zh-CN': name['zh-CN'], en: name.en }, sla: { normal: { ...sla.normal }, urgent: { ...sla.urgent } } });
    return ServiceOfferingResponse.from(offering);
  }
}
