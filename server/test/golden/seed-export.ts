import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, SEED_CONTEXT, SEED_UNIT } from '@zipin/shared';
import type { PackageExportInput } from '../../src/modules/excel/package-export.js';

/** The seed package as the workbook export sees it once signed. */
export function seedExportInput(): PackageExportInput {
  return {
    document: structuredClone(SEED_2024_LUKOU_GSL),
    template: LUKOU_2024_TEMPLATE,
    context: { ...SEED_CONTEXT, unitName: SEED_UNIT.name },
    filledOn: '2025.5.19',
    signerName: '单位负责人（演示）',
  };
}
