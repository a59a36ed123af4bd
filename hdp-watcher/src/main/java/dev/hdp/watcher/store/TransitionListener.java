package dev.hdp.watcher.store;

import dev.hdp.watcher.stage.Stage;
import java.time.Duration;

/**
 * Told about every stage change after its transaction committed (metrics, logs). Called on the
 * thread that made the change; it must be quick and must not throw.
 */
@FunctionalInterface
public interface TransitionListener {
  /** A listener that does nothing. */
  TransitionListener NONE = (batch, from, to, timeInFrom) -> {};

  /**
   * @param from the stage left; null for a batch's creation
   * @param timeInFrom how long the batch was in {@code from} this time (zero at creation)
   */
  void moved(BatchId batch, Stage from, Stage to, Duration timeInFrom);
}
