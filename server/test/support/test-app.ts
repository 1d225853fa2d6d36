import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureHttp } from '../../src/http-setup.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { JobBackend } from '../../src/jobs/job-backend.js';
import { InProcessJobBackend } from '../../src/jobs/in-process-backend.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import { createTestEnvironment, type TestEnvironment } from './backend.js';
import { Clock } from '../../src/common/clock.js';

export interface GraphqlResult<T = Record<string, any>> {
  data: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; messageEn?: string; details?: any } }[];
}

/** A running API on a fresh database, with helpers to call GraphQL as someone. */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly env: TestEnvironment,
  ) {}

  /** `clock`: a ManualClock lets the test move time instead of sleeping. */
  static async start(overrides: Partial<AppConfig> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
    const env = await createTestEnvironment(overrides);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env.config, 'api', { clock: options.clock }), { logger: ['error'], abortOnError: false });
    configureHttp(app);
    await app.init();
    return new TestApp(app, env);
  }

  get config(): AppConfig {
    return this.env.config;
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get<T>(token: abstract new (...args: any[]) => T): T {
    return this.app.get(token as any);
  }

  /** Sends one GraphQL operation; `token` is a session token from login(). */
  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphqlResult<T>> {
    const req = request(this.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return res.body as GraphqlResult<T>;
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await this.gql<T>(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  async login(username: string, password: string): Promise<string> {
    const data = await this.ok<{ login: { token: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: { username, password } },
    );
    return data.login.token;
  }

  http() {
    return request(this.app.getHttpServer());
  }

  /** Waits until no job is pending or running (both backends). */
  async drainJobs(timeoutMs = 20_000): Promise<void> {
    const backend = this.app.get(JobBackend);
    const repo = this.dataSource.getRepository(JobEntity);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (backend instanceof InProcessJobBackend) await backend.drain();
      else backend.kick();
      const open = await repo
        .createQueryBuilder('j')
        .where('j.status IN (:...s)', { s: ['PENDING', 'DISPATCHED', 'ACTIVE'] })
        .andWhere('j.runAt <= :now', { now: this.app.get(Clock).now() })
        .getCount();
      if (open === 0) return;
      if (Date.now() > deadline) throw new Error(`${open} job(s) still open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.env.cleanup();
  }
}
