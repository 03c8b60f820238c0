import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Principal, Role } from '@lantern/identity';

export const PUBLIC_ROUTE = 'lantern:public';
export const REQUIRED_ROLES = 'lantern:roles';

/** OpenAPI extension marking an operation that needs no token (the platform turns it into `security: []`). */
export const PUBLIC_OPERATION_EXTENSION = 'x-lantern-public';

/** The route needs no token (health, docs, public reports) — and the API docs say so. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

/** OpenAPI extension naming the roles an operation needs (the platform turns it into a documented 403). */
export const ROLES_OPERATION_EXTENSION = 'x-lantern-roles';

/** The caller needs at least one of these roles; others get 403 — and the API docs say so. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension(ROLES_OPERATION_EXTENSION, roles));

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Injects the authenticated caller into a controller method. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
