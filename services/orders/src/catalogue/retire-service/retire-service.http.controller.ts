import { notFound, Roles } from '@lantern/http';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CatalogueRepository } from '../catalogue.repository';

class RetiredServiceResponse {
  @ApiProperty({ example: 'after-school-care' }) code: string;
  @ApiProperty({ format: 'date-time' }) retiredAt: string;
}

@ApiTags('catalogue')
@Controller('catalogue')
export class RetireServiceHttpController {
  constructor(private readonly catalogue: CatalogueRepository) {}

  @Post(':code/retire')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Take a service off the menu (admin). Orders already placed carry on; new ones are refused.' })
  @ApiOkResponse({ type: RetiredServiceResponse })
  async retire(@Param('code') code: string): Promise<RetiredServiceResponse> {
    const retired = await this.catalogue.retire(code);
    if (!retired?.retiredAt) throw notFound(`Service ${code}`);
    return { code: retired._id, retiredAt: new Date(retired.retiredAt).toISOString() };
  }
}
