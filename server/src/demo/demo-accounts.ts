import type { Role } from '@zipin/shared';

/** Shared by every demo account; printed at start. */
export const DEMO_PASSWORD = 'Zipin@2024';

export const DEMO_BUREAU = { code: '430212', name: '渌口区财政局', region: '株洲市渌口区', portalName: '株洲市渌口区人民政府门户网' };

/**
 * The demo units; the first is the unit of the real seed package. The schools are under 教育局
 * as their 主管部门 and go to the bureau's `reviewer`, assigned in advance.
 */
export const DEMO_UNITS: { code: string; name: string; category: string; key: string; supervisorKey?: string }[] = [
  { key: 'gsl', code: '212001', name: '株洲市渌口区工商业联合会', category: '群团组织' },
  { key: 'jyj', code: '212002', name: '株洲市渌口区教育局', category: '行政单位' },
  { key: 'wjj', code: '212003', name: '株洲市渌口区卫生健康局', category: '行政单位' },
  { key: 'nyj', code: '212004', name: '株洲市渌口区农业农村局', category: '行政单位' },
  { key: 'zjj', code: '212005', name: '株洲市渌口区住房和城乡建设局', category: '行政单位' },
  { key: 'mzj', code: '212006', name: '株洲市渌口区民政局', category: '行政单位' },
  { key: 'wlj', code: '212007', name: '株洲市渌口区文化旅游广电体育局', category: '行政单位' },
  { key: 'sfj', code: '212008', name: '株洲市渌口区司法局', category: '行政单位' },
  { key: 'tjj', code: '212009', name: '株洲市渌口区统计局', category: '行政单位' },
  { key: 'slj', code: '212010', name: '株洲市渌口区水利局', category: '行政单位' },
  { key: 'fl', code: '212011', name: '株洲市渌口区妇女联合会', category: '群团组织' },
  { key: 'daj', code: '212012', name: '株洲市渌口区档案馆', category: '事业单位' },
  { key: 'yz', code: '212013', name: '株洲市渌口区第一中学', category: '事业单位', supervisorKey: 'jyj' },
  { key: 'xx', code: '212014', name: '株洲市渌口区渌口镇中心小学', category: '事业单位', supervisorKey: 'jyj' },
];

/** The bureau reviewer the 主管部门's schools are assigned to in advance. */
export const DEMO_SCHOOL_REVIEWER = 'reviewer';

/** The 主管部门's reviewers (主管部门审核人), accounts of 教育局. */
export const DEMO_SUPERVISOR_ACCOUNTS: DemoAccount[] = [
  { username: 'jyj.supervisor', displayName: '教育局计财股审核人（演示）', role: 'SUPERVISOR', unitKey: 'jyj' },
  { username: 'jyj.supervisor2', displayName: '教育局计财股审核人二（演示）', role: 'SUPERVISOR', unitKey: 'jyj' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  unitKey?: string;
}

export const DEMO_BUREAU_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '财政局管理员（演示）', role: 'ADMIN' },
  { username: 'reviewer', displayName: '绩效科审核人（演示）', role: 'REVIEWER' },
  { username: 'reviewer2', displayName: '绩效科审核人二（演示）', role: 'REVIEWER' },
];

/** Each unit has a filler `<key>.filler` and a unit head `<key>.head`. */
export const demoUnitAccounts = (unitKey: string, unitName: string): DemoAccount[] => [
  { username: `${unitKey}.filler`, displayName: `${unitName.replace('株洲市渌口区', '')}填表人（演示）`, role: 'FILLER', unitKey },
  { username: `${unitKey}.head`, displayName: `${unitName.replace('株洲市渌口区', '')}负责人（演示）`, role: 'UNIT_HEAD', unitKey },
];
