/**
 * Row heights that fit wrapped text, estimated from the text, the width of the (merged)
 * cell and the font size: a spreadsheet application does not grow a row for a merged cell,
 * so a label such as 满意度指标（10分） would be clipped at the default height.
 *
 * A column width is counted in widths of "0" of the default font (7 px); a CJK or full-width
 * character at 10.5 pt takes about two of them, a Latin letter or digit one.
 */
const POINT_PX = 96 / 72;
const DIGIT_PX = 7;
/** Cell padding and the border, in width units. */
const PADDING_UNITS = 1.2;

/** Width of a text in width units at `fontPt`. */
export function textUnits(text: string, fontPt: number): number {
  let halfWidths = 0;
  for (const ch of text) halfWidths += /[\u0000-\u024f\u2000-\u206f]/.test(ch) ? 1 : 2;
  return (halfWidths * (fontPt * POINT_PX)) / 2 / DIGIT_PX;
}

/** Lines a text wraps to in a cell `widthUnits` wide (its own line breaks kept). */
export function wrappedLines(text: string, widthUnits: number, fontPt: number): number {
  const capacity = Math.max(1, widthUnits - PADDING_UNITS);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line, fontPt) / capacity - 0.02)), 0);
}

/** Height in points a cell needs for its text (0 for an empty cell). */
export function rowHeightFor(text: string | null | undefined, widthUnits: number, fontPt: number, bold: boolean): number {
  if (!text) return 0;
  const lines = wrappedLines(text, widthUnits, bold ? fontPt * 1.05 : fontPt);
  return lines * fontPt * 1.45 + 5;
}
