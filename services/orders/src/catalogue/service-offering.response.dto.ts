import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ServiceOffering } from './service-offering.model';

class LocalizedName {
  @ApiProperty({ example: '四点半课堂' }) 'zh-CN': string;
  @ApiProperty({ example: 'After-school care' }) en: string;
}

class LegClocksDto {
  @ApiProperty({ description: 'Minutes to claim' }) claim: number;
  @ApiProperty({ description: 'Minutes from claim to fulfilment' }) fulfil: number;
  @ApiProperty({ description: 'Minutes the resident has to give feedback' }) feedback: number;
}

class SlaDto {
  @ApiProperty({ type: LegClocksDto }) normal: LegClocksDto;
  @ApiProperty({ type: LegClocksDto }) urgent: LegClocksDto;
}

class ServiceNeedDto {
  @ApiProperty({ example: 'svy_4f1c2a9b7d3e5f60' }) surveyId: string;
  @ApiProperty({ example: 'q1' }) questionId: string;
  @ApiProperty({ type: String, nullable: true, example: 'meals' }) optionId: string | null;
  @ApiProperty({ type: LocalizedName, description: 'The finding, in words' }) finding: LocalizedName;
}

export class ServiceOfferingResponse {
  @ApiProperty({ example: 'after-school-care' }) code: string;
  @ApiProperty({ enum: ['regular', 'professional'] }) kind: string;
  @ApiProperty({ example: 'children' }) category: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ isArray: true, enum: ['children', 'youth', 'women', 'elderly', 'disabled'] }) targetGroups: string[];
  @ApiProperty({ enum: ['public', 'restricted', 'confidential'] }) privacy: string;
  @ApiProperty({ type: SlaDto }) sla: SlaDto;
  @ApiPropertyOptional({ type: [ServiceNeedDto], description: 'The needs-survey findings this service answers (absent when none is linked)' }) needs?: ServiceNeedDto[];

  static from(offering: ServiceOffering): ServiceOfferingResponse {
    const { _id, kind, category, name, targetGroups, privacy, sla, needs } = offering;
    // Field by field: what the menu stores about its own history (retirement, versions) is not the menu.
    return { code: _id, kind, category, name, targetGroups, privacy, sla, ...(needs?.length ? { needs } : {}) };
  }
}

export class CatalogueResponse {
  @ApiProperty({ type: [ServiceOfferingResponse] }) items: ServiceOfferingResponse[];
}
