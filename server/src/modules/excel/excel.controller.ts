import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode } from '@zipin/shared';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import { DomainError } from '../../common/domain-error.js';
import { readRawBody } from '../../common/raw-body.js';
import type { RequestUser } from '../../common/request-context.js';
import { contentDisposition } from '../render/render.controller.js';
import { ExcelService, type ExcelFile } from './excel.service.js';
import { UnitsImportService } from './units-import.service.js';
import { ImportProgressRegistry } from './import-progress.js';
import { UPLOAD_MAX_BYTES } from './workbook-loader.js';
import { XLSX_CONTENT_TYPE } from './xlsx-style.js';

/** The .xlsx bytes as the raw body (not multipart); an oversized upload also closes the connection. */
export function readUpload(req: Request, res: Response, limit = UPLOAD_MAX_BYTES): Promise<Buffer> {
  return readRawBody(req, limit, () => {
    res.setHeader('Connection', 'close');
    return new DomainError(ErrorCode.FILE_REJECTED, `文件超过 ${Math.round(limit / 1024 / 1024)} MB，已拒绝（未读取）`, { maxBytes: limit });
  });
}

function send(res: Response, file: ExcelFile): void {
  res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
  res.setHeader('Content-Length', String(file.buffer.length));
  res.setHeader('Content-Disposition', contentDisposition('attachment', file.filename));
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.buffer);
}

const flag = (v: string | undefined) => v === 'true' || v === '1';

/**
 * Excel in and out.
 * - GET  /api/packages/:id/export.xlsx            readers of the package
 * - POST /api/packages/:id/import.xlsx?dryRun=true&baseVersion=N   raw .xlsx body (≤ 10 MB), FILLER
 * - GET  /api/campaigns/:id/summary.xlsx          REVIEWER, ADMIN of the campaign's bureau
 * - GET  /api/admin/units-template.xlsx           ADMIN
 * - POST /api/admin/units-import.xlsx?dryRun=true&importId=… raw .xlsx body, ADMIN
 * - GET  /api/admin/units-import/:importId/progress  ADMIN (the import's phase and counts)
 */
@Controller('api')
export class ExcelController {
  constructor(
    private readonly excel: ExcelService,
    private readonly unitsImport: UnitsImportService,
    private readonly progress: ImportProgressRegistry,
  ) {}

  @Allow()
  @Get('packages/:id/export.xlsx')
  async exportPackage(@CurrentUser() user: RequestUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.excel.exportPackage(user, id));
  }

  @Allow('FILLER')
  @Post('packages/:id/import.xlsx')
  async importPackage(
    @CurrentUser() user: RequestUser,
    @Param('id') id: string,
    @Query('dryRun') dryRun: string | undefined,
    @Query('baseVersion') baseVersion: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = await readUpload(req, res);
    const base = baseVersion === undefined || baseVersion === '' ? null : Number(baseVersion);
    if (base !== null && !Number.isInteger(base)) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'baseVersion 必须是整数');
    res.status(200).json(await this.excel.importPackage(user, id, body, { dryRun: flag(dryRun), baseVersion: base }));
  }

  @Allow('REVIEWER', 'ADMIN')
  @Get('campaigns/:id/summary.xlsx')
  async summary(@CurrentUser() user: RequestUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.excel.campaignSummary(user, id));
  }

  @Allow('ADMIN')
  @Get('admin/units-template.xlsx')
  async unitsTemplate(@Res() res: Response): Promise<void> {
    send(res, { filename: '预算单位及账号导入模板.xlsx', buffer: await this.unitsImport.template() });
  }

  @Allow('ADMIN')
  @Post('admin/units-import.xlsx')
  async importUnits(
    @CurrentUser() user: RequestUser,
    @Query('dryRun') dryRun: string | undefined,
    @Query('importId') importId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (importId !== undefined && !/^[A-Za-z0-9-]{8,64}$/.test(importId)) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'importId 须为 8–64 位字母、数字或 -');
    const body = await readUpload(req, res);
    res.status(200).json(flag(dryRun) ? await this.unitsImport.plan(user.bureauId, body) : await this.unitsImport.apply(user, body, this.progress.reporter(importId, user.bureauId)));
  }

  /** How far a running import (started with ?importId=…) has got: phase, done, total. */
  @Allow('ADMIN')
  @Get('admin/units-import/:importId/progress')
  importProgress(@CurrentUser() user: RequestUser, @Param('importId') importId: string) {
    const progress = this.progress.get(importId, user.bureauId);
    if (!progress) throw new DomainError(ErrorCode.NOT_FOUND, '没有这个导入任务（或已结束超过 10 分钟）');
    return progress;
  }
}
