import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access.decorators.js';

/** For load balancers and compose health checks: answers once the database does. */
@Controller('api/health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async health(): Promise<{ ok: true; database: string }> {
    await this.dataSource.query('SELECT 1');
    return { ok: true, database: this.dataSource.options.type };
  }
}
