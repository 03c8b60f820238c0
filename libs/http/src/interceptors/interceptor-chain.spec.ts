import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { catchError, defer, lastValueFrom, map, Observable, of, throwError } from 'rxjs';
import { InterceptorChain } from './interceptor-chain';

const context = {} as ExecutionContext;

describe('InterceptorChain', () => {
  it('runs the interceptors in the order given, each around the next, the handler last', async () => {
    const seen: string[] = [];
    const named = (name: string): NestInterceptor => ({
      intercept: (_context: ExecutionContext, next: CallHandler) => {
        seen.push(`${name} in`);
        return next.handle().pipe(map((value) => `${name}(${String(value)})`));
      },
    });
    const handler: CallHandler = { handle: () => (seen.push('handler'), of('body')) };
    expect(await lastValueFrom(new InterceptorChain([named('a'), named('b')]).intercept(context, handler))).toBe('a(b(body))');
    expect(seen).toEqual(['a in', 'b in', 'handler']);
  });

  it('an async interceptor is awaited; one that answers by itself skips the rest and the handler', async () => {
    const handled = jest.fn(() => of('body'));
    const asyncPass: NestInterceptor = { intercept: async (_context, next) => next.handle().pipe(map((value) => `async(${String(value)})`)) };
    const replay: NestInterceptor = { intercept: () => of('stored response') };
    expect(await lastValueFrom(new InterceptorChain([asyncPass]).intercept(context, { handle: handled }))).toBe('async(body)');
    expect(await lastValueFrom(new InterceptorChain([replay, asyncPass]).intercept(context, { handle: handled }))).toBe('stored response');
    expect(handled).toHaveBeenCalledTimes(1);
  });

  it('a later interceptor that refuses the request reaches an earlier one that defers to it, as an error it can undo', async () => {
    const undone: unknown[] = [];
    const claiming: NestInterceptor = {
      intercept: (_context, next) => defer(() => next.handle()).pipe(catchError((error: unknown) => (undone.push(error), throwError(() => error)))),
    };
    const refusing: NestInterceptor = {
      intercept: (): Observable<unknown> => {
        throw new Error('400: undeclared query parameter');
      },
    };
    const chained = new InterceptorChain([claiming, refusing]).intercept(context, { handle: () => of('never') });
    await expect(lastValueFrom(chained)).rejects.toThrow('400: undeclared query parameter');
    expect(undone).toHaveLength(1);
  });
});
