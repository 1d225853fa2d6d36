/**
 * Official forms as data. A FormLayout describes one printed government table (基础数据表,
 * 绩效自评表 …): its grid columns, its rows in print order (static rows and repeatable row
 * groups), which cell is a label, an input, a computed figure or "——", the field path each
 * cell binds to (the path syntax of package/paths.ts), its format, and the footer.
 *
 * Every medium reads the same description: the Vue form, the HTML/PDF template, the Excel
 * writer and the Excel reader, and every message that names a field (describePath). No
 * medium lists rows itself. A province's variant is another FormSet, not a code branch.
 *
 * Paths: a path starting with "$" is relative to the current list item ("$.name" in a
 * 专项 row is basicData.projects.specialFunds[sf-1].name). `computed` names a figure of
 * computeFigures by the same syntax, "$" standing for the current item's id in a figures
 * list ("buildings[$].areaControlRate").
 */

/** A label in both languages. Text may use campaign words: {year} {prevYear} {level} {fundsLevel} {unitName}; "\n" is a line break on paper. */
export interface Label {
  zh: string;
  en: string;
}

/** How a value is shown and read. */
export type CellFormat =
  | 'money4' // 万元, ≤ 4 decimals as typed; "——" for not applicable
  | 'signedMoney4' // money that may be negative (部门基本支出预算调整)
  | 'count' // a whole number of people
  | 'area' // ㎡, ≤ 4 decimals
  | 'percent2' // a computed percentage "140.00" → 140%
  | 'points' // 分值 / 得分, ≤ 2 decimals
  | 'text' // one line
  | 'longText' // a paragraph (厉行节约保障措施, 年度总体目标, 偏差原因)
  | 'target' // 年度指标值 (IndicatorTarget)
  | 'actual' // 实际完成值 (IndicatorActual, read with its row's target)
  | 'operator' // 比较方式 ≥ ≤ = 定性 (a sheet helper)
  | 'code'; // an item's code kept in its id ("201" for fn-201)

/**
 * label: fixed text (a row or block name); header: a column header (bold, repeated on each page);
 * input: typed by the unit; computed: derived by computeFigures, never an input on any medium
 * (an import that finds another value there reports it, it does not take it);
 * filled: a value the workflow or the campaign supplies, never typed nor imported (a cover's
 * 报告日期, an opinion box's signer and date: `fill` names it); notApplicable: printed "——";
 * blank: an empty ruled cell.
 */
export type CellRole = 'label' | 'header' | 'input' | 'computed' | 'filled' | 'notApplicable' | 'blank';

export type Medium = 'print' | 'sheet' | 'screen';

export interface CellSpec {
  role: CellRole;
  /** Grid columns this cell covers (default 1). */
  cols?: number;
  /** Rows it covers: a number, or { through: rowId } to span down to the last row of that row spec (a list or indicator block). */
  rows?: number | { through: string };
  /** Fixed text of a label/header cell. */
  text?: Label;
  /** The short name of this cell in field labels when it differs from its printed text ("财政供养人员情况" for "财政供养人员情况（人）"). */
  name?: Label;
  /** Document path the cell shows (input) or reads for a sheet helper. */
  field?: string;
  /** The figure of computeFigures a computed cell shows ("threePublic.total.previousFinal"). */
  computed?: string;
  /** The value a filled cell shows, by name, from FormInput.filled ("reportDate", "unitHeadOpinion.signer"). */
  fill?: string;
  format?: CellFormat;
  align?: 'left' | 'center' | 'right';
  /** Indentation steps of a row label (0–3), as the official form indents 其中 rows. */
  indent?: 0 | 1 | 2 | 3;
  /** Narrow column written top to bottom (年度预算申请（万元）). */
  vertical?: boolean;
  /**
   * A labelled value: the paper form prints "label：value" in one cell; a sheet writes the label
   * over `cols` − 1 columns and the value in the last one, so it can be typed and read back.
   */
  prefix?: Label;
  /** A key by which a form set may override this cell's text. */
  key?: string;
  /** Smaller type (偏差原因 in the 自评表). */
  small?: boolean;
}

export interface StaticRow {
  kind: 'row';
  /** Names the row for `rows: { through }`, repeated header rows and anchors. */
  id?: string;
  cells: CellSpec[];
  /** The parent in field labels ("三公经费" for 公车购置): "基础数据表 › 三公经费 › 公车购置 › 2024年预算数". */
  parent?: Label;
  /** The row's name in field labels when it is not the text of its first label cell. */
  name?: Label;
  /** Media that print the row (default: all). */
  media?: Medium[];
  /** Minimum height on paper and in a sheet, in points. */
  minHeight?: number;
  /** A style hook for the HTML renderer. */
  className?: string;
  /** The header row repeated at the top of every printed page of the sheet. */
  repeatOnEachPage?: boolean;
  /** Printed only when the filled values name this one (null counts: an empty box is still a box). */
  onlyWithFilled?: string;
}

/** A column beside the form that only a workbook carries (ids for re-import, 比较方式): hidden, never printed. */
export interface SheetHelper {
  header: Label;
  /** The item's id when absent, else a path relative to the item. */
  field?: string;
  format?: CellFormat;
}

/** A repeatable row group: one row per item of a document list (专项, 楼堂馆所, 功能分类科目). */
export interface ListRows {
  kind: 'list';
  id: string;
  /** The document list ("basicData.projects.specialFunds"). */
  list: string;
  /** Ids of new items: sf-1, sf-2 … */
  idPrefix: string;
  /** How an item is named in messages: 本级专项资金「{name}」 ({name} the item's name, {n} its 1-based position). */
  itemLabel: Label;
  /** The cells of one item's row; paths start with "$". */
  cells: CellSpec[];
  /** The row printed when the list is empty ("……" / an empty ruled row). */
  empty: CellSpec[];
  /** Fields that identify an item of the draft when a workbook carries no id (its name). */
  matchBy: string[];
  /** A row whose first text cell reads like this is a placeholder, not an item ("……", "无"). */
  placeholder?: RegExp;
  helpers?: SheetHelper[];
  maxItems?: number;
  /** The "add a row" button's words on screen. */
  addLabel?: Label;
  parent?: Label;
  className?: string;
}

/**
 * The 绩效指标 block: rows grouped by 一级/二级指标 with merged level cells. Which 一级 heads
 * a row follows the template (成本 under 产出 when 成本 has no weight, see indicatorBlocks).
 */
export interface IndicatorRows {
  kind: 'indicators';
  id: string;
  /** The indicator list ("selfEvaluation.indicators" or "$.indicators" in a per-project form). */
  list: string;
  idPrefix: string;
  itemLabel: Label;
  /** Column of the 一级指标 cell; the 二级 cell is next to it; `cells` follow. */
  level1: CellSpec;
  level2: CellSpec;
  /** "{level1}\n（{weight}分）": {level1} the level's name, {weight} the template's weight. */
  level1Text: Label;
  cells: CellSpec[];
  /** Row under a 二级指标 without indicators ("无" and empty cells). */
  empty: CellSpec[];
  matchBy: string[];
  helpers?: SheetHelper[];
  maxItems?: number;
  addLabel?: Label;
}

export type RowSpec = StaticRow | ListRows | IndicatorRows;

export interface ColumnSpec {
  key: string;
  /** Width as a share of the form's width (the columns of a form sum to 100): the PDF prints percentages, a sheet multiplies by sheetWidth. */
  width: number;
}

/** 填表人 / 填报日期 / 联系电话 / 单位负责人签字 under a form. */
export interface FooterItem {
  key: 'fillerName' | 'fillDate' | 'phone' | 'signer';
  label: Label;
  /** The document field a workbook reads back ("basicData.contact.fillerName"); absent: filled by the workflow, never imported. */
  field?: string;
  /** Grid columns in a sheet. */
  cols: number;
}

export type FormId = 'basicData' | 'selfEvaluation' | 'budgetDetail' | (string & {});

export interface FormLayout {
  id: FormId;
  /** Worksheet name and the first segment of field labels. */
  name: Label;
  title: Label;
  columns: ColumnSpec[];
  rows: RowSpec[];
  /** Notes printed under the table (说明：…). */
  notes?: Label[];
  footer?: FooterItem[];
  /** Whether the form is printed (the PDF, the workbook's print area); a sheet-only table is hidden in a workbook. */
  printed: boolean;
  /** Media that carry the form (default: all); the 封面 is printed only, never a sheet or a screen form. */
  media?: Medium[];
  /** One copy of the form per item of this list (a per-project table); "$" paths address the item. */
  perItem?: {
    list: string;
    idPrefix: string;
    itemLabel: Label;
    /** A new, blank item of the list (a probe laid out for field labels and the sheet reader needs the item's whole shape). */
    newItem?: (id: string) => object;
  };
  /** Sheet width in character units for the whole form (columns share it). */
  sheetWidth: number;
  /** Base font size of the printed table in points. */
  fontSize: number;
  /** Style hook of the HTML renderer (the class of the table). */
  className: string;
  /** A unit line above the table in a sheet ("单位名称：…"). */
  sheetSubtitle?: Label;
}

/** A set of official forms a campaign prints: the forms in order and the words they use. */
export interface FormSet {
  id: string;
  nameZh: string;
  forms: FormLayout[];
  /** Words filled into labels ({fundsLevel} → 本级). */
  words: Record<string, string>;
  /** Text of cells by their key (a province calls a row differently). */
  labelOverrides: Record<string, Label>;
}
