/**
 * "Many funds rollups may be stale now": said after a change that touches many regions at once
 * (a workbook import of projects or fund receipts, a background enterprise import — investors'
 * tags decide the breakdowns), heard by the rollup warm-up runner of this process, which then warms
 * up soon instead of at its next regular check. Single changes need no signal: the next query
 * computes the few parts they touch. Listeners run synchronously and must not throw.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

/** Tells the listeners of this process that many rollup parts may have become stale. */
export function announceRollupsStale(): void {
  for (const listener of listeners) listener();
}

/** Listens until the returned function is called. */
export function listenRollupsStale(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
