import { OPINION_LEVELS, coverFilled, coverOpinions } from '../../src/package/index.js';
import type { GivenOpinions } from '../../src/package/index.js';

describe('coverOpinions', () => {
  it.each<[string, GivenOpinions, (string | null)[][]]>([
    ['nothing given yet: every box empty', {}, [['单位负责人意见', null, null, null], ['财政部门审核意见', null, null, null]]],
    ['signed by the unit head', { UNIT_HEAD: { signerName: '负责人', date: '2025年5月20日' } }, [['单位负责人意见', '同意报送', '负责人', '2025年5月20日'], ['财政部门审核意见', null, null, null]]],
    [
      'approved with a written opinion',
      { UNIT_HEAD: { signerName: '负责人', date: '2025年5月20日' }, FINANCE_BUREAU: { signerName: '审核人', date: '2025年6月2日', opinion: ' 同意公开 ' } },
      [['单位负责人意见', '同意报送', '负责人', '2025年5月20日'], ['财政部门审核意见', '同意公开', '审核人', '2025年6月2日']],
    ],
    ['approved without words', { FINANCE_BUREAU: { signerName: null, date: null, opinion: null } }, [['单位负责人意见', null, null, null], ['财政部门审核意见', '审核通过', null, null]]],
  ])('%s', (_what, given, expected) => {
    expect(coverOpinions(given).map((o) => [o.titleZh, o.opinion, o.signerName, o.date])).toEqual(expected);
  });

  it('keeps the boxes a list in print order, the 主管部门 between the unit and the bureau when the package passes through one', () => {
    expect(coverOpinions({}, { supervised: true }).map((o) => o.level)).toEqual([...OPINION_LEVELS]);
    expect(coverOpinions({}).map((o) => o.level)).toEqual(['UNIT_HEAD', 'FINANCE_BUREAU']);
  });

  it('fills the 主管部门 box with its opinion as written, or prints it empty until the 主管部门 approves', () => {
    const rows = (given: GivenOpinions) => coverOpinions(given, { supervised: true }).map((o) => [o.titleZh, o.opinion, o.signerName]);
    expect(rows({ UNIT_HEAD: { signerName: '负责人', date: '2025年5月20日' } })).toEqual([
      ['单位负责人意见', '同意报送', '负责人'],
      ['主管部门审核意见', null, null],
      ['财政部门审核意见', null, null],
    ]);
    expect(rows({ SUPERVISOR: { signerName: '教育局审核人', date: '2025年5月22日', opinion: '经审核，同意报送' } })[1]).toEqual(['主管部门审核意见', '经审核，同意报送', '教育局审核人']);
    // A package that went through a 主管部门 keeps its box even if the stage was turned off later.
    expect(coverOpinions({ SUPERVISOR: { signerName: '教育局审核人', date: null, opinion: null } }).map((o) => [o.level, o.opinion])).toEqual([
      ['UNIT_HEAD', null],
      ['SUPERVISOR', '审核通过'],
      ['FINANCE_BUREAU', null],
    ]);
  });
});

describe('coverFilled', () => {
  it('names the cover values as the filled cells read them, an empty box as nulls', () => {
    const filled = coverFilled({
      unitName: '甲单位',
      budgetCode: '001',
      fiscalYear: 2024,
      evaluationMethod: '单位自评',
      reportDate: null,
      opinions: coverOpinions({ UNIT_HEAD: { signerName: '负责人', date: '2025年5月20日' } }),
    });
    expect(filled).toEqual({
      unitName: '甲单位',
      budgetCode: '001',
      fiscalYear: '2024年度',
      evaluationMethod: '单位自评',
      reportDate: null,
      'opinion.UNIT_HEAD.opinion': '同意报送',
      'opinion.UNIT_HEAD.signerName': '负责人',
      'opinion.UNIT_HEAD.date': '2025年5月20日',
      'opinion.FINANCE_BUREAU.opinion': null,
      'opinion.FINANCE_BUREAU.signerName': null,
      'opinion.FINANCE_BUREAU.date': null,
    });
  });
});
