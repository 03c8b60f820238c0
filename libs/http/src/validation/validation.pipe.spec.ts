import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ProblemException } from '../problem/problem';
import { Omittable } from './omittable.decorator';
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

class Name {
  @IsString()
  en: string;
}

class Body {
  @IsObject()
  @ValidateNested()
  @Type(() => Name)
  name: Name;

  @Omittable()
  @IsString()
  residentId?: string;
}

async function problemFor(value: Record<string, unknown>, metatype: new () => object = Query) {
  const pipe = new LanternValidationPipe();
  try {
    await pipe.transform(value, { type: metatype === Query ? 'query' : 'body', metatype });
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

  it('a nested object left out or of another type is one error naming it, not a crash further on', async () => {
    for (const name of [undefined, null, 'Li', ['Li']]) {
      expect((await problemFor({ name }, Body)).errors).toEqual([{ field: 'body.name', message: 'name must be an object' }]);
    }
    expect((await problemFor({ name: {} }, Body)).errors).toEqual([{ field: 'body.name.en', message: 'en must be a string' }]);
  });

  it('an @Omittable field may be left out, but null is validated like any other value', async () => {
    await expect(new LanternValidationPipe().transform({ name: { en: 'Li' } }, { type: 'body', metatype: Body })).resolves.toMatchObject({ name: { en: 'Li' } });
    expect((await problemFor({ name: { en: 'Li' }, residentId: null }, Body)).errors).toEqual([{ field: 'body.residentId', message: 'residentId must be a string' }]);
  });
});
