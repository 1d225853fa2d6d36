import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import type { JobRunContext } from '../../jobs/job-handler.js';
import { UserEntity } from '../org/user.entity.js';
import { NotificationDeliveryEntity, type DeliveryStatus } from './notification-delivery.entity.js';

export interface OutgoingNotification {
  title: string;
  body: string;
  packageId: string | null;
}

const SEND_TIMEOUT_MS = 20_000;
const ERROR_MAX = 1000;

/** The robot's URL without its query (the access token is a secret), for the outbox list. */
export function robotRecipient(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** The JSON a 钉钉 or 企业微信 group robot takes: a markdown message with a link to the package. */
export function robotMessage(kind: 'dingtalk' | 'wecom', n: { title: string; body: string; link: string | null }): Record<string, unknown> {
  const lines = n.body.split('\n').filter((l) => l.trim() !== '');
  const link = n.link ? `[打开材料](${n.link})` : '';
  if (kind === 'wecom') {
    return { msgtype: 'markdown', markdown: { content: [`**${n.title}**`, ...lines.map((l) => `> ${l}`), link].filter(Boolean).join('\n') } };
  }
  return { msgtype: 'markdown', markdown: { title: n.title, text: [`#### ${n.title}`, ...lines, link].filter(Boolean).join('\n\n') } };
}

/**
 * Notifications outside the app. Rows of the outbox are written in the transaction that made
 * the notification, with one `notification.deliver` job each; the job sends and marks the row
 * SENT, so a retry after a crash finds it sent and does nothing. Mail goes to each recipient
 * with an address; a group robot gets one post per event.
 */
@Injectable()
export class NotificationDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger('NotificationDelivery');
  private transport: Transporter | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return !!(this.config.mail || this.config.robot);
  }

  link(packageId: string | null): string | null {
    return packageId ? `${this.config.publicUrl}/packages/${packageId}` : null;
  }

  /** Writes the outbox rows of one notification (in the caller's transaction) and their jobs. */
  async queue(tx: Tx, userIds: readonly string[], notificationIds: ReadonlyMap<string, string>, n: OutgoingNotification): Promise<number> {
    if (!this.enabled || !userIds.length) return 0;
    const users = await tx.manager.getRepository(UserEntity).find({ where: { id: In([...userIds]) }, select: { id: true, bureauId: true, email: true, active: true } });
    if (!users.length) return 0;
    const base = { subject: n.title.slice(0, 200), body: n.body, packageId: n.packageId, status: 'PENDING' as DeliveryStatus, attempts: 0, lastError: null, sentAt: null };
    const rows: Partial<NotificationDeliveryEntity>[] = [];
    if (this.config.mail) {
      for (const u of users) {
        if (!u.active || !u.email) continue;
        rows.push({ ...base, id: newId(), bureauId: u.bureauId, userId: u.id, notificationId: notificationIds.get(u.id) ?? null, channel: 'MAIL', recipient: u.email });
      }
    }
    if (this.config.robot) {
      rows.push({ ...base, id: newId(), bureauId: users[0]!.bureauId, userId: null, notificationId: null, channel: 'WEBHOOK', recipient: robotRecipient(this.config.robot.url) });
    }
    if (!rows.length) return 0;
    await tx.manager.getRepository(NotificationDeliveryEntity).insert(rows);
    for (const r of rows) await this.jobs.enqueue(tx, 'notification.deliver', { deliveryId: r.id! }, { jobId: `notification.deliver.${r.id}` });
    return rows.length;
  }

  /** The job: send once; a failure is retried, and recorded as FAILED after the last try. */
  async deliver(deliveryId: string, context: Pick<JobRunContext, 'attempt' | 'maxAttempts'>): Promise<DeliveryStatus | 'GONE'> {
    const repo = this.dataSource.getRepository(NotificationDeliveryEntity);
    const row = await repo.findOneBy({ id: deliveryId });
    if (!row) return 'GONE';
    if (row.status !== 'PENDING') return row.status;
    try {
      if (row.channel === 'MAIL') await this.sendMail(row);
      else await this.postRobot(row);
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, ERROR_MAX);
      const last = context.attempt >= context.maxAttempts;
      await repo.update({ id: row.id, status: 'PENDING' }, { attempts: context.attempt, lastError: message, ...(last ? { status: 'FAILED' as const } : {}) });
      if (last) {
        this.logger.warn(`${row.channel} to ${row.recipient} failed for good after ${context.attempt} tries: ${message}`);
        return 'FAILED';
      }
      throw err;
    }
    await repo.update({ id: row.id }, { status: 'SENT', sentAt: new Date(), attempts: context.attempt, lastError: null });
    return 'SENT';
  }

  /** Nodemailer is loaded with the first mail, not at start (SMTP_URL is checked with the config). */
  private async mailer(): Promise<Transporter> {
    if (!this.config.mail) throw new Error('SMTP_URL is not set');
    const { default: nodemailer } = await import('nodemailer');
    this.transport ??= nodemailer.createTransport(this.config.mail.url, { from: this.config.mail.from });
    return this.transport;
  }

  private async sendMail(row: NotificationDeliveryEntity): Promise<void> {
    const link = this.link(row.packageId);
    const text = [row.body, link ? `\n打开材料：${link}` : '', '\n—— 自评通（此邮件由系统发送，请勿回复）'].join('\n');
    const mailer = await this.mailer();
    await mailer.sendMail({
      to: row.recipient,
      subject: row.subject,
      text,
      // One id per outbox row: a mail system that sees it twice after a crash can tell.
      messageId: `<${row.id}@zipin.delivery>`,
      headers: { 'X-Zipin-Delivery': row.id },
    });
  }

  private async postRobot(row: NotificationDeliveryEntity): Promise<void> {
    const robot = this.config.robot;
    if (!robot) throw new Error('ROBOT_WEBHOOK_URL is not set');
    const res = await fetch(robot.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(robotMessage(robot.kind, { title: row.subject, body: row.body, link: this.link(row.packageId) })),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const answer = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    // Both robots answer 200 with errcode 0 when the post is taken.
    if (!res.ok || (answer && typeof answer.errcode === 'number' && answer.errcode !== 0)) {
      throw new Error(`robot answered HTTP ${res.status}${answer?.errmsg ? `: ${answer.errmsg}` : ''}`);
    }
  }

  list(bureauId: string, input: { status?: DeliveryStatus | null; first?: number | null; offset?: number | null }): Promise<[NotificationDeliveryEntity[], number]> {
    return this.dataSource.getRepository(NotificationDeliveryEntity).findAndCount({
      where: { bureauId, ...(input.status ? { status: input.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: Math.min(Math.max(input.first ?? 50, 1), 200),
      skip: Math.max(input.offset ?? 0, 0),
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
