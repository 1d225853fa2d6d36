import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../common/access.decorators.js';
import { PROCESS_ROLE } from '../../ops/process-role.js';
import { ReadinessService, type Readiness } from './readiness.service.js';

export interface Liveness {
  status: 'ok';
  role: string;
  uptimeSeconds: number;
}

export function liveness(role: string): Liveness {
  return { status: 'ok', role, uptimeSeconds: Math.round(process.uptime()) };
}

/**
 * /api/health: the process lives (a restart helps only when this fails).
 * /api/ready: it can serve, each dependency named; 503 otherwise (send it no traffic).
 */
@Controller('api')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(PROCESS_ROLE) private readonly role: string,
  ) {}

  @Public()
  @Get('health')
  health(): Liveness {
    return liveness(this.role);
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const r = await this.readiness.check();
    res.status(r.status === 'ready' ? 200 : 503);
    return r;
  }
}
