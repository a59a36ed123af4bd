package dev.hdp.preprocess;

import dev.hdp.core.proof.ProofFailure;
import java.util.Optional;

/**
 * Preprocessing stopped: a proof did not verify, an item is missing, or a value cannot be
 * aggregated. The message names the task, the block and item, and why; when a proof failed, its
 * {@link ProofFailure} (reason and node) is attached.
 */
public final class PreprocessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProofFailure proofFailure;

  PreprocessException(String message, ProofFailure proofFailure) {
    super(message);
    this.proofFailure = proofFailure;
  }

  PreprocessException(String message, Throwable cause) {
    super(message, cause);
    this.proofFailure = null;
  }

  /** The failed proof's reason, when a proof is what failed. */
  public Optional<ProofFailure> proofFailure() {
    return Optional.ofNullable(proofFailure);
  }
}
