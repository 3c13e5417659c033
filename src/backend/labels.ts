/** Program-level labels: where execution starts, ends, sets up, and the call_indirect dispatch table. */
export const LABELS = {
  start: 'start',
  end: 'finalizeExecution',
  setup: '__w2z_setup',
  dispatch: '__w2z_dispatch',
} as const;
