/** Program-level labels. */
export const END_LABELS = {
  start: 'start',
  end: 'finalizeExecution',
  setup: '__w2z_setup',
  dispatch: '__w2z_dispatch',
} as const;
