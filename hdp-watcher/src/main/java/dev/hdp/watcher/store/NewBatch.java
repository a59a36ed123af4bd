package dev.hdp.watcher.store;

import dev.hdp.core.bytes.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * A request accepted for processing: the request JSON exactly as received, and one commitment per
 * task, in request order (the commitments are what callers use to look results up).
 */
public record NewBatch(
    BatchSource source,
    String requestJson,
    List<Bytes32> commitments,
    Optional<ProverKind> prover) {
  public NewBatch {
    commitments = List.copyOf(commitments);
    if (commitments.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one task commitment");
    }
    if (requestJson.isBlank()) {
      throw new IllegalArgumentException("a batch needs its request JSON");
    }
  }
}
