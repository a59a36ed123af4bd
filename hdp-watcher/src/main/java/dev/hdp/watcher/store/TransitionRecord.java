package dev.hdp.watcher.store;

import dev.hdp.watcher.stage.Stage;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the transition log: who moved the batch, when and why. {@code from} is empty for the
 * batch's creation; {@code failedStage} is set on moves into {@code FAILED}.
 */
public record TransitionRecord(
    long sequence,
    BatchId batch,
    Optional<Stage> from,
    Stage to,
    Optional<Stage> failedStage,
    String actor,
    String reason,
    Instant at) {}
