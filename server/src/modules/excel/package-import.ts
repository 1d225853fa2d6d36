import type ExcelJS from 'exceljs';
import {
  ErrorCode,
  PROBE,
  computeFigures,
  dropInvalidInputsUnder,
  expandForm,
  formOnMedium,
  formSetOf,
  formWords,
  parsePackageDocument,
  probeDocument,
  setAt,
  valueAt,
  type CampaignContext,
  type EvaluationTemplate,
  type ExpandedForm,
  type FormLayout,
  type FormSet,
  type PackageDocument,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { Ids, type IgnoredCell, type ImportedCell, type Reader } from './cell-reader.js';
import { helperColumns } from './form-sheet.js';
import { readFooter, readForm } from './form-sheet-reader.js';
import { cellText, findSheet, normalizeLabel } from './sheet-reader.js';

export { numberToDecimal, type CellIssue, type IgnoredCell, type ImportedCell } from './cell-reader.js';

export interface PackageImportResult {
  document: PackageDocument;
  imported: ImportedCell[];
  ignored: IgnoredCell[];
  /** Parts of the package the workbook does not carry; they keep the draft's values. */
  keptFromDraft: string[];
}

export interface PackageImportOptions {
  template: EvaluationTemplate;
  context: CampaignContext;
  /** The campaign's form set; absent: the default set. */
  formSet?: FormSet;
}

export const FORMULA_POLICY =
  '公式不会被计算：填报单元格中的公式将被拒绝（请粘贴为数值），计算项单元格中的公式及其缓存值一律忽略，由系统重新计算。';

function laidOut(layout: FormLayout, set: FormSet, base: PackageDocument, options: PackageImportOptions, itemId?: string): ExpandedForm {
  const probe = probeDocument([layout], base);
  if (layout.perItem && itemId) {
    // The probe's one item takes the sheet's id, so the cells bind to that item's paths.
    setAt(probe, layout.perItem.list, [{ ...(valueAt(probe, `${layout.perItem.list}[${PROBE}]`) as object), id: itemId }]);
  }
  return expandForm(layout, {
    ...(layout.perItem && itemId ? { item: { id: itemId } } : {}),
    document: probe,
    figures: computeFigures(probe, options.template),
    template: options.template,
    words: formWords(options.context, set.words),
    overrides: set.labelOverrides,
    medium: 'sheet',
  });
}

/**
 * A per-item form (one sheet per item, "项目支出绩效自评表（1）"…): each sheet reads into the
 * item whose id it carries (a new item when it carries none), the sheets together making the
 * list; fields no sheet shows keep the draft's values.
 */
function readPerItem(wb: ExcelJS.Workbook, layout: FormLayout, set: FormSet, base: PackageDocument, document: PackageDocument, options: PackageImportOptions): Reader[] {
  const perItem = layout.perItem!;
  const key = normalizeLabel(layout.name.zh);
  const sheets = wb.worksheets.filter((ws) => normalizeLabel(ws.name).startsWith(key));
  const previous = ((valueAt(base, perItem.list) as { id: string }[] | undefined) ?? []);
  const ids = new Ids(perItem.idPrefix);
  const idCol = (id: string) => helperColumns(laidOut(layout, set, base, options, id)).get(perItem.itemLabel.zh)!;
  const col = idCol(PROBE);
  const items = sheets.map((ws) => {
    const id = ids.take(cellText(ws.getCell(1, col)).trim());
    return { ws, id, item: { ...structuredClone(previous.find((p) => p.id === id) ?? {}), id } };
  });
  setAt(document, perItem.list, items.map((i) => i.item));
  return items.map(({ ws, id }) => {
    const form = laidOut(layout, set, base, options, id);
    const { r, end } = readForm(ws, form, document, base);
    readFooter(ws, r, layout, end, document);
    return r;
  });
}

/**
 * Reads a filled official template (the workbook the export writes) into a copy of the draft,
 * each sheet by walking its form's layout: rows are found by their labels, list rows between
 * them; input cells are read by their format; computed cells are reported and ignored;
 * formulas in input cells are refused. Throws FILE_REJECTED for a file that is not the
 * template and VALIDATION_FAILED (details.issues: [{ cell, messageZh }]) for cells that cannot be used.
 */
export function importPackageWorkbook(wb: ExcelJS.Workbook, base: PackageDocument, options: PackageImportOptions): PackageImportResult {
  const set = options.formSet ?? formSetOf(null);
  const layouts = set.forms.filter((f) => !f.perItem && formOnMedium(f, 'sheet'));
  const sheets = layouts.map((layout) => ({ layout, ws: findSheet(wb, layout.name.zh) }));
  const document: PackageDocument = structuredClone(base);
  const readers: Reader[] = [];
  const keptFromDraft: string[] = [];
  const missing = sheets.filter((s) => !s.ws && s.layout.printed).map((s) => s.layout.name.zh);
  if (missing.length) {
    throw new DomainError(ErrorCode.FILE_REJECTED, `工作簿中缺少工作表「${missing.join('」「')}」（现有：${wb.worksheets.map((w) => w.name).join('、') || '无'}）：请使用本系统导出的模板`, {
      sheets: wb.worksheets.map((w) => w.name),
    });
  }
  for (const layout of set.forms.filter((f) => f.perItem && formOnMedium(f, 'sheet'))) readers.push(...readPerItem(wb, layout, set, base, document, options));
  for (const { layout, ws } of sheets) {
    if (!ws) {
      keptFromDraft.push(`${layout.name.zh}（工作簿中没有此表，保留草稿原值）`);
      continue;
    }
    const form = laidOut(layout, set, base, options);
    const { r, end } = readForm(ws, form, document, base);
    readFooter(ws, r, layout, end, document);
    readers.push(r);
  }
  // The file replaces the tables it carries: what was typed into them and kept as not-a-number goes too.
  dropInvalidInputsUnder(document, [...new Set(readers.flatMap((r) => r.imported.map((i) => i.path.split(/[.[]/)[0]!)))]);
  const issues = readers.flatMap((r) => r.issues);
  if (!issues.length) {
    const parsed = parsePackageDocument(document);
    if (!parsed.ok) {
      const cellOf = new Map(readers.flatMap((r) => [...r.cellOfPath]));
      for (const i of parsed.issues) {
        let cell = '';
        for (let p = i.path; p && !cell; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') cell = cellOf.get(p) ?? '';
        issues.push({ cell, messageZh: i.messageZh });
      }
    }
  }
  if (issues.length) {
    const shown = issues.slice(0, 5).map((i) => (i.cell ? `${i.cell} ${i.messageZh}` : i.messageZh));
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `导入失败，共${issues.length}处问题，材料未作任何修改：${shown.join('；')}${issues.length > 5 ? '……' : ''}`, { issues });
  }
  return {
    document,
    imported: readers.flatMap((r) => r.imported),
    ignored: readers.flatMap((r) => r.ignored),
    keptFromDraft: [...keptFromDraft, 'report（自评报告各章节不在Excel中，保留草稿原文）', 'explanations（警告说明不在Excel中，保留草稿原文）'],
  };
}
