package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.watcher.stage.Stage;
import java.util.Optional;

/**
 * Where a task commitment occurs: one batch and position. The same task may be requested in several
 * batches.
 */
public record TaskLocation(
    BatchId batch, int index, Bytes32 commitment, Stage stage, Optional<Bytes32> result) {}
