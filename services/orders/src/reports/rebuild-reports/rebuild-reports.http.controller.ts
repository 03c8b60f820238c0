import { ApiProblemResponses, Roles } from '@lantern/http';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RebuildReportsHandler } from './rebuild-reports.handler';

class RebuildResponse {
  @ApiProperty({ description: 'Order events read from the streams and applied' }) eventsApplied: number;
}

@ApiTags('reports')
@Controller('reports')
export class RebuildReportsHttpController {
  constructor(private readonly rebuild: RebuildReportsHandler) {}

  @Post('rebuild')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Recompute every report from the order streams (admins)' })
  @ApiOkResponse({ type: RebuildResponse })
  @ApiProblemResponses({ 401: 'No valid bearer token', 403: 'Only admins rebuild reports' })
  execute(): Promise<RebuildResponse> {
    return this.rebuild.execute();
  }
}
