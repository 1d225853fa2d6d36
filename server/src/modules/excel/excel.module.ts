import { ImportProgressRegistry } from './import-progress.js';
import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { PackageModule } from '../package/package.module.js';
import { ExcelController } from './excel.controller.js';
import { ExcelService } from './excel.service.js';
import { UnitsImportService } from './units-import.service.js';

/** Excel in and out: the unit's official forms, the bureau's campaign summary, the units list. */
@Module({
  imports: [PackageModule, CampaignModule],
  controllers: [ExcelController],
  providers: [ExcelService, UnitsImportService, ImportProgressRegistry],
  exports: [ExcelService],
})
export class ExcelModule {}
