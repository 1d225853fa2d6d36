/** The publish job's fixed id carries the time it is for: a reschedule makes a new id, an old job finds it stale. */
export const publishJobKey = (packageId: string, publishAt: Date) => `package.publish.${packageId}.${publishAt.getTime()}`;

const KEY = /^package\.publish\.([0-9A-Za-z-]+)\.(\d+)(?:\.r\d+)?$/;

export function parsePublishJobKey(key: string | null | undefined): { packageId: string; publishAtMs: number } | null {
  const m = key ? KEY.exec(key) : null;
  return m ? { packageId: m[1]!, publishAtMs: Number(m[2]) } : null;
}
