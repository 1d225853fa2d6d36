/**
 * The words of a 催办 (reminder) the bureau sends a unit: written once, so the screen that
 * sends it shows exactly what the unit will read.
 */
export interface ReminderFacts {
  /** Who reminds: the bureau user's display name. */
  senderName: string;
  unitName: string;
  fiscalYear: number;
  /** The package's stage as a person reads it (草稿, 已退回 …). */
  stateLabel: string;
  /** The submission deadline as printed in the campaign's zone. */
  deadlineText: string;
  /** The deadline has passed. */
  late: boolean;
  documentNumber: string;
  campaignTitle: string;
  /** The sender's own words, if any. */
  message?: string | null;
}

export const REMINDER_MESSAGE_MAX = 500;

export function reminderNotice(f: ReminderFacts): { title: string; body: string } {
  const message = (f.message ?? '').trim();
  return {
    title: f.late ? '财政局催办：自评材料已逾期，请尽快报送' : '财政局催办：请按时报送自评材料',
    body: [
      `${f.senderName}（财政局）催办：${f.unitName}${f.fiscalYear}年度整体支出绩效自评材料（当前：${f.stateLabel}）${f.late ? '已超过' : '尚未到'}报送截止时间${f.deadlineText}，请尽快报送。`,
      message ? `留言：${message}` : '',
      `依据：${f.documentNumber}《${f.campaignTitle}》`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** The deadline as the reminder prints it: "2025/5/31 17:00:00" in the campaign's zone. */
export function reminderDeadlineText(deadline: Date, timeZone: string): string {
  return deadline.toLocaleString('zh-CN', { timeZone, hour12: false });
}
