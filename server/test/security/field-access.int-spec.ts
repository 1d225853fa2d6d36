/**
 * Field resolvers are held to their access declaration without Nest's guard pipeline
 * (FieldAccess): the same rule as the guard, under a @Public root too, with the guard's error
 * codes; and a field resolver that cannot be matched to the schema stops the start.
 */
import { Injectable, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Field, GraphQLModule, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import request from 'supertest';
import { AccessGuard, SessionLookup } from '../../src/common/access.guard.js';
import { Allow, PasswordChangeExempt, Public } from '../../src/common/access.decorators.js';
import { FieldAccess } from '../../src/common/field-access.js';
import { graphqlOptions } from '../../src/common/graphql.config.js';
import type { RequestContext, RequestUser } from '../../src/common/request-context.js';
import { TestApp } from '../support/test-app.js';

@ObjectType()
class Notice {
  @Field() id!: string;
}

const user = (role: RequestUser['role'], mustChangePassword = false): RequestUser => ({ id: `u-${role}`, username: role, displayName: role, role, unitId: null, bureauId: 'b', sessionId: 's', sessionMethod: 'PASSWORD', mustChangePassword });
const USERS: Record<string, RequestUser> = { filler: user('FILLER'), admin: user('ADMIN'), fresh: user('FILLER', true) };

@Injectable()
class Sessions extends SessionLookup {
  async userForToken(token: string): Promise<RequestUser | null> {
    return USERS[token] ?? null;
  }
}

@Injectable()
@Resolver(() => Notice)
class NoticeResolver {
  @Public()
  @Query(() => Notice)
  notice(): Notice {
    return { id: 'n1' };
  }

  @Public()
  @ResolveField(() => String, { nullable: true })
  title(): string {
    return 'for everyone';
  }

  @Allow()
  @ResolveField(() => String, { nullable: true })
  body(n: Notice, _args: unknown, ctx: RequestContext): string {
    return `${n.id} for ${ctx.user!.username}`;
  }

  @Allow('ADMIN')
  @ResolveField(() => String, { nullable: true })
  adminNote(): string {
    return 'admins only';
  }

  @Allow()
  @PasswordChangeExempt()
  @ResolveField(() => String, { nullable: true })
  help(): string {
    return 'how to change the password';
  }
}

describe('field resolvers and their access declarations', () => {
  let env: TestApp;
  let nest: Awaited<ReturnType<typeof NestFactory.create>>;
  /** The notice resolver in an app of its own, with the API's GraphQL options and FieldAccess. */
  async function noticeApp(): Promise<Awaited<ReturnType<typeof NestFactory.create>>> {
    @Module({
      imports: [DiscoveryModule, GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(env.config), autoSchemaFile: true })],
      providers: [NoticeResolver, { provide: SessionLookup, useClass: Sessions }, { provide: APP_GUARD, useClass: AccessGuard }, FieldAccess],
    })
    class NoticeModule {}
    return NestFactory.create(NoticeModule, { logger: false, abortOnError: false });
  }

  beforeAll(async () => {
    env = await TestApp.start({ runJobs: false });
    nest = await noticeApp();
    await nest.init();
  }, 60_000);
  afterAll(async () => {
    await nest?.close();
    await env?.close();
  });

  async function ask(fields: string, token?: string) {
    const req = request(nest.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query: `{ notice { id ${fields} } }` });
    return res.body as { data: { notice: Record<string, string | null> } | null; errors?: { path: string[]; extensions: { code: string; messageEn?: string } }[] };
  }
  const codeOf = (res: Awaited<ReturnType<typeof ask>>, field: string) => res.errors?.find((e) => e.path.join('.') === `notice.${field}`)?.extensions.code;

  it('refuses a declared field to the anonymous caller of a public root, and serves the public one', async () => {
    const res = await ask('title body adminNote');
    expect(res.data?.notice.title).toBe('for everyone');
    expect(codeOf(res, 'body')).toBe('UNAUTHENTICATED');
    expect(codeOf(res, 'adminNote')).toBe('UNAUTHENTICATED');
  });

  it('serves a signed-in user the fields of their role, with graphql’s own (parent, args, context)', async () => {
    const res = await ask('body adminNote', 'filler');
    expect(res.data?.notice.body).toBe('n1 for FILLER');
    expect(codeOf(res, 'adminNote')).toBe('FORBIDDEN');
    expect(res.errors?.find((e) => e.path.join('.') === 'notice.adminNote')?.extensions.messageEn).toBeTruthy();
    expect((await ask('adminNote', 'admin')).data?.notice.adminNote).toBe('admins only');
  });

  it('holds a user who must change their password to the exempt fields', async () => {
    const res = await ask('body help', 'fresh');
    expect(codeOf(res, 'body')).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(res.data?.notice.help).toBe('how to change the password');
  });

  it('refuses to start when a field resolver is not in the schema (it could not be checked)', async () => {
    const stray = await noticeApp();
    // Its own schema has Notice.body; served another one (without it), the start must stop.
    const other = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLString } } }) });
    const { schemaHost } = stray.get(FieldAccess) as unknown as { schemaHost: object };
    Object.defineProperty(schemaHost, 'schema', { get: () => other, set: () => undefined });
    await expect(stray.init()).rejects.toThrow(/Field resolvers not found in the schema[\s\S]*Notice\.body \(NoticeResolver\.body\)/);
    await stray.close().catch(() => undefined);
  });
});
