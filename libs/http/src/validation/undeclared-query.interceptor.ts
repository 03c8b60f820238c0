import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { badRequest } from '../problem/problem';

/** The query parameters a route declares without a DTO: `@ApiQuery({ name })` (e.g. the stream's `ticket`). */
function declaredNames(handler: object): string[] {
  const parameters: { in?: string; name?: string }[] = Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? [];
  return parameters.filter((parameter) => parameter.in === 'query' && parameter.name).map((parameter) => parameter.name as string);
}

/**
 * A query parameter the operation does not have is refused (400 naming it), as unknown body
 * fields are: a typo such as `?limt=5` must not be silently ignored. Routes that take a query
 * object leave it to the validation pipe (forbidNonWhitelisted); this covers the others.
 */
@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const given = Object.keys((request.query ?? {}) as object);
    if (given.length === 0) return next.handle();
    const handler = context.getHandler();
    const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
    if (Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.QUERY)) return next.handle();
    const declared = new Set(declaredNames(handler));
    const unknown = given.filter((name) => !declared.has(name));
    if (unknown.length > 0) {
      throw badRequest(
        `The request has ${unknown.length} invalid field(s)`,
        unknown.map((name) => ({ field: `query.${name}`, message: `${name} is not a parameter of this operation` })),
      );
    }
    return next.handle();
  }
}
