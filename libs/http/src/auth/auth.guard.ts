import { enrichContext } from '@lantern/logging';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../problem/problem';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { hasAnyRole, Role } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/** Global guard: every route needs a valid bearer token unless marked @Public(), then the role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated();
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(`The bearer token was rejected: ${error.message}`);
      throw error;
    }
    enrichContext({ actor: request.principal.sub });

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !hasAnyRole(request.principal, roles)) {
      throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
