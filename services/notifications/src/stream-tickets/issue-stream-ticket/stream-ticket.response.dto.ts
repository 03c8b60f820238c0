import { ApiProperty } from '@nestjs/swagger';

export class StreamTicketResponse {
  @ApiProperty({ description: 'Pass as `?ticket=` to GET /v1/inbox/stream; works once, for your own stream' }) ticket: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
