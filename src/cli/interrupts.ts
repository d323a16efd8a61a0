/**
 * Ctrl-C (SIGINT) and SIGTERM as one subscription: with a handler in place neither kills the
 * process outright, so a run stops cleanly and a write in progress finishes or leaves nothing.
 */
export type Interrupts = (handler: () => void) => () => void;

/** This process's SIGINT and SIGTERM; returns the unsubscribe. */
export const processInterrupts: Interrupts = (handler) => {
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
};
