import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver } from 'graphql';
import { accessRefusal, resolveUser, SessionLookup } from './access.guard.js';
import type { RequestContext } from './request-context.js';
import { graphqlHandlers, type GraphqlHandler } from './route-catalogue.js';

/**
 * Field resolvers are held to their access declaration (@Allow or @Public) as queries are, but
 * by a check wrapped around each one once, at start-up, instead of Nest's guard pipeline on
 * every call (an execution context, the guards and the awaits each time): a package read
 * resolves some thirty fields. With no enhancers on fields, Nest calls a field resolver that
 * takes graphql's own (parent, args, context) directly.
 *
 * The rule is the guard's (accessRefusal). The user is usually resolved already (by the root
 * field's guard); a field under a @Public root resolves it here.
 */
@Injectable()
export class FieldAccess implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly sessions: SessionLookup,
  ) {}

  onApplicationBootstrap(): void {
    const schema = this.schemaHost.schema;
    const missing: string[] = [];
    for (const handler of graphqlHandlers(this.moduleRef).filter((h) => h.kind === 'field')) {
      const type = handler.parentType ? schema.getType(handler.parentType) : undefined;
      const field = type && isObjectType(type) ? type.getFields()[handler.name] : undefined;
      if (!field) {
        missing.push(`${handler.parentType ?? '?'}.${handler.name} (${handler.resolver}.${handler.handler})`);
        continue;
      }
      field.resolve = this.checked(handler, field.resolve ?? defaultFieldResolver);
    }
    // A field resolver that cannot be found in the schema would run unchecked: refuse to start.
    if (missing.length) throw new Error(`Field resolvers not found in the schema, so their access cannot be checked:\n  ${missing.join('\n  ')}`);
  }

  private checked(handler: GraphqlHandler, resolve: GraphQLFieldResolver<unknown, RequestContext>): GraphQLFieldResolver<unknown, RequestContext> {
    const { access } = handler;
    if (access?.kind === 'public') return resolve;
    const exempt = () => handler.passwordChangeExempt;
    const sessions = this.sessions;
    return function checkedField(source, args, ctx, info) {
      const answer = (user: RequestContext['user']) => {
        const refusal = accessRefusal(access, user, exempt);
        if (refusal) throw refusal;
        return resolve(source, args, ctx, info);
      };
      // Synchronous when the root field's guard has resolved the user (nearly always).
      return ctx.userResolved ? answer(ctx.user) : resolveUser(ctx, sessions).then(answer);
    };
  }
}
