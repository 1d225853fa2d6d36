import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, PASSWORD_CHANGE_EXEMPT_KEY, type AccessRule } from './access.decorators.js';

/** The running app, or a ModuleRef inside it (the start-up check). */
type AppContext = { get<T>(type: abstract new (...args: never[]) => T, options: { strict: boolean }): T };

export interface RestRoute {
  controller: string;
  handler: string;
  method: string;
  /** Full path with Nest's `:param` placeholders, e.g. /api/packages/:id/attachments. */
  path: string;
  access: AccessRule | undefined;
}

export interface GraphqlHandler {
  resolver: string;
  handler: string;
  /** Query, Mutation, Subscription, or the parent type's field resolver. */
  kind: 'Query' | 'Mutation' | 'Subscription' | 'field';
  name: string;
  /** For a field resolver, the object type it resolves a field of (its class's @Resolver type). */
  parentType?: string;
  access: AccessRule | undefined;
  passwordChangeExempt: boolean;
}

// @nestjs/graphql's metadata keys (graphql.constants, not exported from its index).
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';
const RESOLVER_PROPERTY_METADATA = 'graphql:resolve_property';

const join = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

/** Every REST route the app serves, read from the controllers' routing metadata. */
export function restRoutes(app: AppContext): RestRoute[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = app.get(MetadataScanner, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const routes: RestRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
    if (!type || !wrapper.instance) continue;
    const base = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(wrapper.instance))) {
      const handler = (wrapper.instance as Record<string, unknown>)[name] as object;
      const paths = Reflect.getMetadata(PATH_METADATA, handler);
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const access = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler as never, type]);
      for (const b of base) for (const p of [paths].flat() as string[]) routes.push({ controller: type.name, handler: name, method, path: join(b, p), access });
    }
  }
  return routes;
}

/** Every query, mutation and field resolver method, with its access declaration. */
export function graphqlHandlers(app: AppContext): GraphqlHandler[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = app.get(MetadataScanner, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const out: GraphqlHandler[] = [];
  for (const wrapper of discovery.getProviders()) {
    const type = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
    if (!type || !wrapper.instance || typeof wrapper.instance !== 'object') continue;
    const proto = Object.getPrototypeOf(wrapper.instance);
    if (!proto) continue;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as object;
      const rootType = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
      const isField = Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler) === true;
      if (!rootType && !isField) continue;
      const kind = isField || !['Query', 'Mutation', 'Subscription'].includes(rootType!) ? 'field' : (rootType as GraphqlHandler['kind']);
      const access = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler as never, type]);
      const passwordChangeExempt = !!reflector.getAllAndOverride<boolean | undefined>(PASSWORD_CHANGE_EXEMPT_KEY, [handler as never, type]);
      const parentType = kind === 'field' ? (rootType ?? (Reflect.getMetadata(RESOLVER_TYPE_METADATA, type) as string | undefined)) : undefined;
      out.push({ resolver: type.name, handler: name, kind, name: (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? name, parentType, access, passwordChangeExempt });
    }
  }
  return out;
}
