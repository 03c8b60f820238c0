import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_CATEGORIES } from '../domain/service-categories';
import { SocialWorker } from './social-worker.model';

export class SocialWorkerResponse {
  @ApiProperty({ example: 'sw-liz-1' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true }) skills: string[];
  @ApiProperty({ type: [String] }) stations: string[];
  @ApiProperty() capacity: number;
  @ApiProperty() active: boolean;
  @ApiProperty() available: boolean;
  @ApiProperty() supervisor: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() updatedBy: string;

  static from({ _id, updatedAt, ...rest }: SocialWorker): SocialWorkerResponse {
    return { id: _id, ...rest, updatedAt: updatedAt.toISOString() };
  }
}

export class SocialWorkersPage {
  @ApiProperty({ type: [SocialWorkerResponse] }) items: SocialWorkerResponse[];
}
