import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { enrichContext } from '@lantern/logging';
import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../problem/problem';
import { authenticateBearer, bearerTokenOf } from './authenticate-bearer';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { hasAnyRole, Role } from '@lantern/identity';
import { TokenPolicy, tokenPolicyFrom } from './token-policy';
import { TokenVerifier } from './token-verifier';

/** Global guard: every route needs a valid bearer token unless marked @Public(), then the role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly policy: TokenPolicy;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    // The service's configuration: audience, maximum lifetime and clock skew of its tokens.
    @Optional() @Inject(APP_CONFIG) config?: BaseConfig,
  ) {
    this.policy = tokenPolicyFrom(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) throw unauthenticated();
    request.principal = await authenticateBearer(this.verifier, token, this.policy);
    enrichContext({ actor: request.principal.sub });

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !hasAnyRole(request.principal, roles)) {
      throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
