package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import java.time.Instant;
import java.util.Optional;

/**
 * A side effect that must happen once, such as "markValid fact X" or "authenticateTaskExecution
 * batch Y", identified by {@code (kind, subject)}. {@code txHash} and {@code payload} (for instance
 * the signed raw transaction, to re-broadcast byte for byte) are recorded before the effect is
 * sent; {@code sends} counts how often it was.
 */
public record Intent(
    long id,
    String kind,
    String subject,
    Optional<BatchId> batch,
    IntentState state,
    Optional<Bytes32> txHash,
    Optional<String> payload,
    int sends,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {}
