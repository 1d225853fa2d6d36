/**
 * Live updates: one graphql-ws connection per tab (opened on first use, re-opened after a
 * network drop), fanned out to whoever listens. The session cookie travels with the upgrade
 * request, so the server shows each person only what they may read.
 */
import { createClient, type Client } from 'graphql-ws';
import type { PackageState } from '@zipin/shared';

export interface LiveEvent {
  kind: 'PACKAGE' | 'INBOX';
  packageId: string | null;
  campaignId: string | null;
  state: PackageState | null;
  action: string | null;
  actorRole: string | null;
  version: number | null;
  at: string;
}

const LIVE = 'subscription Live { liveEvents { kind packageId campaignId state action actorRole version at } }';

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();
let client: Client | null = null;
let stop: (() => void) | null = null;

function start() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  client = createClient({ url: `${scheme}://${location.host}/graphql`, lazy: true, retryAttempts: Number.POSITIVE_INFINITY, shouldRetry: () => true });
  stop = client.subscribe<{ liveEvents: LiveEvent }>(
    { query: LIVE },
    {
      next: (r) => {
        const event = r.data?.liveEvents;
        if (event) for (const l of [...listeners]) l(event);
      },
      // A refused or dropped connection only means no live updates: the screens still load on their own.
      error: () => undefined,
      complete: () => undefined,
    },
  );
}

/** Calls `listener` for every live event until the returned function is called. */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  if (!client) start();
  return () => {
    listeners.delete(listener);
    if (!listeners.size && client) {
      stop?.();
      void client.dispose();
      client = null;
      stop = null;
    }
  };
}
