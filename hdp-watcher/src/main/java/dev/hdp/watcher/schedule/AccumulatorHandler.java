package dev.hdp.watcher.schedule;

import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.TaskStore;
import java.time.Clock;

/**
 * Appends recent block hashes to the on-chain headers accumulator; runs on a fixed interval, not
 * per batch. Sends go through the intent log like every other side effect.
 */
@FunctionalInterface
public interface AccumulatorHandler {
  /** What an accumulator run gets. */
  record Context(TaskStore store, IntentLog intents, Clock clock, String actor, StopSignal stop) {}

  /** One append round; exceptions are logged and the next round tries again. */
  void appendOnce(Context context) throws InterruptedException;
}
