import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { MetricsRecorder } from '../metrics/metrics-recorder.js';
import { JOB_NAMES, type JobName, type JobPayloads } from '@zipin/shared';
import { JOB_HANDLER_KEY, type JobHandler, type JobRunContext } from './job-handler.js';

/** Finds every @HandlesJob provider; start-up fails if a job in the catalogue has none. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Optional() private readonly logger?: PinoLogger,
    @Optional() private readonly metrics?: MetricsRecorder,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandler<JobName> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = Reflect.getMetadata(JOB_HANDLER_KEY, wrapper.metatype) as JobName | undefined;
      if (!name) continue;
      if (this.handlers.has(name)) throw new Error(`Two handlers for job "${name}"`);
      this.handlers.set(name, instance);
    }
    const missing = JOB_NAMES.filter((n) => !this.handlers.has(n));
    if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  async run<N extends JobName>(name: N, payload: JobPayloads[N], context: JobRunContext): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    // Every line a handler logs names the job it belongs to.
    const run = () => handler.handle(payload, context);
    const started = performance.now();
    try {
      await (this.logger ? this.logger.runInContext(run, { bindings: { job: name, jobId: context.jobId, attempt: context.attempt } }) : run());
      this.metrics?.observeJob(name, 'completed', (performance.now() - started) / 1000);
    } catch (err) {
      this.metrics?.observeJob(name, 'failed', (performance.now() - started) / 1000);
      throw err;
    }
  }
}
