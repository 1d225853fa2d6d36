/** Small builders the layouts are written with (they return plain CellSpec data). */
import type { CellSpec, ColumnSpec, Label } from './types.js';
import { L } from './words.js';

/** A header cell over `cols` grid columns. */
export const head = (text: Label, cols = 1, extra: Partial<CellSpec> = {}): CellSpec => ({ role: 'header', text, cols, ...extra });

/** Header cells of one grid column each, from [中文, English] pairs. */
export const heads = (...labels: [zh: string, en: string][]): CellSpec[] => labels.map(([zh, en]) => head(L(zh, en)));

/** Grid columns in order from { key: width } (widths are shares of the form's width). */
export const columns = (widths: Record<string, number>): ColumnSpec[] => Object.entries(widths).map(([key, width]) => ({ key, width }));
