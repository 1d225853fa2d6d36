/**
 * The due-time job's fixed id: one per instant that has packages due, however many share it
 * (`package.publish.<ms>`); retries and repairs use their own prefixes.
 */
export const publishDueJobKey = (atMs: number) => `package.publish.${atMs}`;
