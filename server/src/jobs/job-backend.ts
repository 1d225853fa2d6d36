/** How queued rows reach handlers: polled from the table (embedded) or relayed to BullMQ. */
export abstract class JobBackend {
  /** Look for work now (called after a commit that enqueued something). */
  abstract kick(): void;
}
