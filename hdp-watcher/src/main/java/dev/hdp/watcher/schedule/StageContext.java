package dev.hdp.watcher.schedule;

import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.TaskStore;
import java.time.Clock;

/**
 * What a handler gets for one run: the batch as it was when the run began, which run in this stage
 * it is (1 for the first; more after a crash, a restart, a retry or a {@link StageOutcome.NotYet}),
 * the store for recording artifacts and results, the intent log for side effects, the clock, who is
 * acting (for logs and intents), and the stop signal.
 */
public record StageContext(
    BatchRecord batch,
    int run,
    TaskStore store,
    IntentLog intents,
    Clock clock,
    String actor,
    StopSignal stop) {}
