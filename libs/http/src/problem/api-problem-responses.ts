import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

export class FieldErrorDocument {
  @ApiProperty({ example: 'body.url', description: 'Dotted path of the offending field: body.…, query.… or param.…' })
  field: string;

  @ApiProperty({ example: 'must be an https URL' })
  message: string;
}

/** The RFC 9457 problem document every error is answered with (`application/problem+json`). */
export class ProblemDocument {
  @ApiProperty({ example: 'https://lantern.example/problems/bad-request' }) type: string;
  @ApiProperty({ example: 'Bad request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional({ example: 'The request has 1 invalid field(s)' }) detail?: string;
  @ApiPropertyOptional({ example: '/v1/webhooks' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDocument] }) errors?: FieldErrorDocument[];
  @ApiPropertyOptional({ description: 'Present when the same request may succeed if sent again' }) retryable?: boolean;
  @ApiPropertyOptional({ description: '429: seconds until a retry may succeed (also the Retry-After header)' }) retryAfterSeconds?: number;
}

/** The OpenAPI response object of an error status: the problem document as `application/problem+json`. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDocument) } } } };
}

/** Documents the error statuses an operation answers, each with the problem document and why it happens. */
export const ApiProblemResponses = (responses: Record<number, string>) =>
  applyDecorators(
    ApiExtraModels(ProblemDocument),
    ...Object.entries(responses).map(([status, description]) => ApiResponse({ status: Number(status), ...problemResponse(description) })),
  );
