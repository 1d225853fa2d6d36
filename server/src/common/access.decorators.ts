import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Role } from '@zipin/shared';
import type { RequestContext, RequestUser } from './request-context.js';

export const ACCESS_KEY = 'zipin:access';
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Signed-in users with one of these roles (any role when none is given). */
export const Allow = (...roles: Role[]) =>
  SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule);

/** Open to everyone, signed in or not. Never the default: the guard refuses undeclared handlers. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

export const PASSWORD_CHANGE_EXEMPT_KEY = 'zipin:password-change-exempt';
/**
 * Runs for a user whose password an admin set (who must choose a new one first): who am I,
 * change password, sign out. Everything else is refused with PASSWORD_CHANGE_REQUIRED.
 */
export const PasswordChangeExempt = () => SetMetadata(PASSWORD_CHANGE_EXEMPT_KEY, true);

export function requestContextOf(ctx: ExecutionContext): RequestContext {
  if (ctx.getType<GqlContextType>() === 'graphql') return GqlExecutionContext.create(ctx).getContext<RequestContext>();
  const req = ctx.switchToHttp().getRequest();
  req.zipin ??= { req, res: ctx.switchToHttp().getResponse(), user: null, userResolved: false };
  return req.zipin as RequestContext;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestUser | null => {
  return requestContextOf(ctx).user;
});

export const CurrentContext = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => requestContextOf(ctx));
