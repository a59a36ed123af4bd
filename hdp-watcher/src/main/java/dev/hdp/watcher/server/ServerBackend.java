package dev.hdp.watcher.server;

import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.TaskStore;
import java.util.Map;

/** What the server needs from the node; {@link dev.hdp.watcher.node.Node} provides it. */
public interface ServerBackend {
  TaskStore store();

  /**
   * Stores a batch durably and plans its first job soon after, without waiting for the scheduler
   * (the node's reconciler plans it should that be lost).
   */
  BatchRecord accept(NewBatch batch);

  /** Re-enters the failed stage; throws {@code IllegalTransitionException} if not FAILED. */
  Stage retry(BatchId id, String actor, String why);

  /** Cancels; throws {@code IllegalTransitionException} once submitted to a prover. */
  void cancel(BatchId id, String actor, String why);

  /** The checks {@code GET /health} runs, by name, in order. */
  Map<String, HealthCheck> healthChecks();
}
