import type ExcelJS from 'exceljs';
import { computeFigures, expandFormSet, formSetOf, type CampaignContext, type EvaluationTemplate, type FormSet, type PackageDocument } from '@zipin/shared';
import { sheetNameOf, writeFormSheet } from './form-sheet.js';
import { newWorkbook } from './xlsx-style.js';

export interface PackageExportInput {
  document: PackageDocument;
  template: EvaluationTemplate;
  context: CampaignContext;
  /** The campaign's form set; absent: the default set. */
  formSet?: FormSet;
  /** 填报日期 and 单位负责人签字 come from the workflow, never from the document. */
  filledOn: string | null;
  signerName: string | null;
  /** Values of the layouts' filled cells (workflow and campaign facts). */
  filled?: Record<string, string | null>;
}

/**
 * The campaign's official forms as one workbook, a sheet per form in the form set's order
 * (基础数据表, 绩效自评表 for the default set; a per-item form once per item), plus the hidden
 * 预算明细 sheet the report cites.
 */
export function buildPackageWorkbook(input: PackageExportInput): ExcelJS.Workbook {
  const figures = computeFigures(input.document, input.template);
  const forms = expandFormSet(input.formSet ?? formSetOf(null), { document: input.document, figures, template: input.template, context: input.context, medium: 'sheet', ...(input.filled ? { filled: input.filled } : {}) });
  const contact = input.document.basicData.contact;
  const wb = newWorkbook();
  const copies = new Map<string, number>();
  for (const form of forms) {
    const n = (copies.get(form.layout.id) ?? 0) + 1;
    copies.set(form.layout.id, n);
    writeFormSheet(wb, form, { fillerName: contact.fillerName, phone: contact.phone, fillDate: input.filledOn, signer: input.signerName }, sheetNameOf(form, n));
  }
  return wb;
}
