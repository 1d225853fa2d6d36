import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './useGridNavigation.js';

describe('tab-separated clipboard text (Excel / WPS)', () => {
  it.each([
    ['1\t2\t3', [['1', '2', '3']]],
    ['1\t2\r\n3\t4\r\n', [['1', '2'], ['3', '4']]],
    ['1\t\t3\n', [['1', '', '3']]],
    ['"a\tb"\tc', [['a\tb', 'c']]],
    ['"line 1\nline 2"\t5', [['line 1\nline 2', '5']]],
    ['"say ""hi"""\t1', [['say "hi"', '1']]],
    ['１０５．２\t２２', [['１０５．２', '２２']]],
    ['', []],
  ])('reads %j', (text, rows) => {
    expect(parseTsv(text)).toEqual(rows);
  });

  it.each([
    [[['1.5', '2.5'], ['3.5', '4.5']], '1.5\t2.5\n3.5\t4.5'],
    [[['a\tb', 'say "hi"']], '"a\tb"\t"say ""hi"""'],
  ])('writes %j so Excel reads it back', (rows, text) => {
    expect(toTsv(rows)).toBe(text);
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
