/**
 * Start-up checks: every query, mutation, field resolver and REST route declares its access
 * (the app refuses to boot otherwise), field resolvers are checked (field-access.int-spec.ts), and the job
 * list the handler check uses is derived from the job catalogue itself.
 */
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLObjectType } from 'graphql';
import { JOB_DEFAULTS, JOB_NAMES } from '@zipin/shared';
import { graphqlOptions } from '../../src/common/graphql.config.js';
import { graphqlHandlers, restRoutes } from '../../src/common/route-catalogue.js';
import { AccessDeclarationCheck } from '../../src/common/startup-checks.js';
import { Public } from '../../src/common/access.decorators.js';
import { TestApp } from '../support/test-app.js';

@Controller('api/forgotten')
class ForgottenController {
  @Get()
  open(): string {
    return 'anyone';
  }
}

@Injectable()
@Resolver()
class ForgottenResolver {
  @Public()
  @Query(() => String)
  fine(): string {
    return 'declared';
  }

  @ResolveField(() => String)
  secret(): string {
    return 'undeclared';
  }
}

describe('start-up checks', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
  }, 60_000);
  afterAll(() => app?.close());

  it('finds an access declaration on every REST route, query, mutation and field resolver of the app', () => {
    const routes = restRoutes(app.app);
    const handlers = graphqlHandlers(app.app);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(handlers.filter((h) => h.kind === 'field').length).toBeGreaterThanOrEqual(23);
    expect(handlers.filter((h) => h.kind === 'Mutation').length).toBeGreaterThanOrEqual(20);
    expect([...routes, ...handlers].filter((x) => !x.access)).toEqual([]);
  });

  it('refuses to boot an app with an undeclared route or field resolver, naming them', async () => {
    @Module({ imports: [DiscoveryModule], controllers: [ForgottenController], providers: [ForgottenResolver, AccessDeclarationCheck] })
    class ForgetfulModule {}
    const nest = await NestFactory.create(ForgetfulModule, { logger: false, abortOnError: false });
    await expect(nest.init()).rejects.toThrow(/No access declaration[\s\S]*GET \/api\/forgotten \(ForgottenController\.open\)[\s\S]*field secret \(ForgottenResolver\.secret\)/);
    await nest.close().catch(() => undefined);
  });

  it('checks every field resolver of the app against its declaration', () => {
    // Nest's guards stay off fields (the check is FieldAccess's); every field resolver found its schema field.
    expect(graphqlOptions(app.config).fieldResolverEnhancers).toEqual([]);
    const fields = graphqlHandlers(app.app).filter((h) => h.kind === 'field');
    const schema = app.get(GraphQLSchemaHost).schema;
    for (const f of fields) expect((schema.getType(f.parentType!) as GraphQLObjectType).getFields()[f.name]?.resolve?.name).toBe('checkedField');
  });

  it('derives the job list from the catalogue, so a job without a handler cannot pass', () => {
    expect([...JOB_NAMES].sort()).toEqual(Object.keys(JOB_DEFAULTS).sort());
    expect(JOB_NAMES).toEqual(expect.arrayContaining(['package.render-pdf', 'package.publish', 'campaign.remind-deadline', 'system.sweep']));
  });
});
