import type { FeedState } from './store.js';

export type FeedStatus = 'new' | 'ok' | 'erroring' | 'failing';

/** new (never polled), ok, erroring (failed lately, retried on the back-off) or failing (retried daily). */
export function feedStatus(state: FeedState | null): FeedStatus {
  if (!state || (state.polls === 0 && state.failures === 0)) return 'new';
  if (state.failing) return 'failing';
  return state.failures > 0 ? 'erroring' : 'ok';
}
