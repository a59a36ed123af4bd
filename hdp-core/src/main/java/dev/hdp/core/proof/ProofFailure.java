package dev.hdp.core.proof;

import java.util.Objects;

/**
 * Why a proof failed: the reason, the index of the failing proof node or path step ({@code -1} when
 * no single one is at fault), and a message for people.
 */
public record ProofFailure(FailureReason reason, int index, String message) {
  /** Validates the parts. */
  public ProofFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    if (index < -1) {
      throw new IllegalArgumentException("index must be -1 or a position: " + index);
    }
  }

  /** A failure located at proof node or step {@code index}. */
  public static ProofFailure at(FailureReason reason, int index, String message) {
    return new ProofFailure(reason, index, message);
  }

  /** A failure of the proof as a whole. */
  public static ProofFailure of(FailureReason reason, String message) {
    return new ProofFailure(reason, -1, message);
  }

  /** The same failure with {@code context} prepended to the message. */
  public ProofFailure within(String context) {
    return new ProofFailure(reason, index, context + ": " + message);
  }

  @Override
  public String toString() {
    return reason + (index >= 0 ? " at " + index : "") + ": " + message;
  }
}
