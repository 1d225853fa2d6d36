import { EVALUATION_METHOD_SELF, LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, SEED_CONTEXT, SEED_UNIT, coverFilled, coverOpinions, type CoverData } from '@zipin/shared';
import type { RenderModel } from '../../src/modules/render/templates/render-model.js';

/** The seed package as the renderer sees it once signed (role names, not the real person's). */
export function seedRenderModel(overrides: Partial<RenderModel> = {}): RenderModel {
  const cover: CoverData = {
    unitName: SEED_UNIT.name,
    budgetCode: SEED_UNIT.code,
    fiscalYear: SEED_CONTEXT.fiscalYear,
    evaluationMethod: EVALUATION_METHOD_SELF,
    reportDate: '2025年5月20日',
    opinions: coverOpinions({ UNIT_HEAD: { signerName: '单位负责人（演示）', date: '2025年5月20日' } }),
  };
  return {
    document: structuredClone(SEED_2024_LUKOU_GSL),
    template: LUKOU_2024_TEMPLATE,
    context: { ...SEED_CONTEXT, unitName: SEED_UNIT.name },
    footer: { fillerName: '填表人（演示）', fillDate: '2025.5.19', phone: '0731-27615141', signerName: '单位负责人（演示）', signedDate: '2025.5.20' },
    draftMark: null,
    reportDate: '2025年5月20日',
    cover,
    filled: coverFilled(overrides.cover ?? cover),
    ...overrides,
  };
}
