package dev.hdp.watcher.store;

/** How far a side effect has got. */
public enum IntentState {
  /** Decided, not sent: check the target (chain, prover) before sending, in case it was. */
  INTENDED,
  /** Sent as the recorded transaction (or job); look that up rather than sending again. */
  SENT,
  /** Known to have taken effect. */
  CONFIRMED
}
