import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from '../problem/problem';
import { LanternValidationPipe } from './validation.pipe';

class Query {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(3)
  code?: string;
}

async function problemFor(value: Record<string, unknown>) {
  const pipe = new LanternValidationPipe();
  try {
    await pipe.transform(value, { type: 'query', metatype: Query });
  } catch (error) {
    if (error instanceof ProblemException) return error.getResponse() as { detail: string; errors: { field: string; message: string }[] };
    throw error;
  }
  throw new Error('expected a validation problem');
}

describe('LanternValidationPipe', () => {
  it('says what kind of value a field needs when that is what is wrong, not a bound it cannot check', async () => {
    const problem = await problemFor({ limit: 'abc' });
    expect(problem.errors).toEqual([{ field: 'query.limit', message: 'limit must be an integer number' }]);
  });

  it('names the bound when the kind is right', async () => {
    const problem = await problemFor({ limit: '500', code: 'toolong' });
    expect(problem.errors).toEqual([
      { field: 'query.limit', message: 'limit must not be greater than 100' },
      { field: 'query.code', message: 'code must be shorter than or equal to 3 characters' },
    ]);
    expect(problem.detail).toBe('The request has 2 invalid field(s)');
  });

  it('rejects unknown fields by name', async () => {
    const problem = await problemFor({ limti: '5' });
    expect(problem.errors).toEqual([{ field: 'query.limti', message: 'property limti should not exist' }]);
  });

  it('passes and converts a valid value', async () => {
    await expect(new LanternValidationPipe().transform({ limit: '5' }, { type: 'query', metatype: Query })).resolves.toMatchObject({ limit: 5 });
  });
});
