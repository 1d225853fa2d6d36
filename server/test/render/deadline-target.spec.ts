import { formatActual, formatTarget } from '@zipin/shared';

// formatTarget / formatActual live with the form layouts in @zipin/shared (one wording for the PDF and the workbook).
describe('deadline (时限) cells on the printed 自评表', () => {
  it.each([
    [{ operator: 'BY' as const, value: '9', unit: '月' }, '9月前'],
    [{ operator: 'BY' as const, value: '12', unit: '月' }, '年底前'],
    [{ operator: 'BY' as const, value: null, unit: '', text: '2024年9月30日前' }, '2024年9月30日前'],
    [{ operator: 'BY' as const, value: null, unit: '', text: '尽快' }, '尽快'],
  ])('prints the target %j as "%s"', (t, printed) => {
    expect(formatTarget(t)).toBe(printed);
  });

  it('prints a completion month or date', () => {
    expect(formatActual({ value: '7', unit: '月' }, 'BY')).toBe('7月');
    expect(formatActual({ value: null, unit: '', text: '2024年10月8日' }, 'BY')).toBe('2024年10月8日');
  });
});
