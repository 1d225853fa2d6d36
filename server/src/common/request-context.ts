import type { Request, Response } from 'express';
import type { Role } from '@zipin/shared';

export interface RequestUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  bureauId: string;
  sessionId: string;
  /** PASSWORD or OIDC (single sign-on): decides how the user proves presence to sign. */
  sessionMethod: 'PASSWORD' | 'OIDC';
  /** An admin set the password: until the user chooses their own, only PasswordChangeExempt handlers run. */
  mustChangePassword: boolean;
}

/** What every resolver sees: the request, the signed-in user (if any), per-request loaders. */
export interface RequestContext {
  req: Request;
  res: Response;
  user: RequestUser | null;
  userResolved: boolean;
  /** Per-request DataLoaders, created lazily by the modules that own them. */
  loaders?: Map<string, unknown>;
}

/** A loader kept for the life of one request, so a list of 100 rows costs one query per kind. */
export function requestLoader<T>(ctx: RequestContext, key: string, create: () => T): T {
  ctx.loaders ??= new Map();
  let loader = ctx.loaders.get(key) as T | undefined;
  if (!loader) {
    loader = create();
    ctx.loaders.set(key, loader);
  }
  return loader;
}
