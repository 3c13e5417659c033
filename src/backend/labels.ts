/**
 * Program-level labels: where execution starts, ends, sets up, the publics epilogue (after the
 * padding loop) and the call_indirect dispatch table.
 */
export const LABELS = {
  start: 'start',
  end: 'finalizeExecution',
  publics: '__w2z_publics',
  setup: '__w2z_setup',
  dispatch: '__w2z_dispatch',
} as const;
