package dev.hdp.core.proof;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a proof check: the proven value, or why the proof failed.
 *
 * @param <T> the type of the proven value
 */
public sealed interface ProofResult<T> {
  /** A proof that verified, with the value it proves. */
  record Valid<T>(T value) implements ProofResult<T> {
    /** Requires a value. */
    public Valid {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A proof that did not verify. */
  record Invalid<T>(ProofFailure failure) implements ProofResult<T> {
    /** Requires a failure. */
    public Invalid {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** A verified value. */
  static <T> ProofResult<T> valid(T value) {
    return new Valid<>(value);
  }

  /** A failure. */
  static <T> ProofResult<T> invalid(ProofFailure failure) {
    return new Invalid<>(failure);
  }

  /** A failure at a node or step. */
  static <T> ProofResult<T> invalid(FailureReason reason, int index, String message) {
    return new Invalid<>(ProofFailure.at(reason, index, message));
  }

  /** Whether the proof verified. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /**
   * The proven value.
   *
   * @throws IllegalStateException with the failure when the proof did not verify
   */
  default T value() {
    if (this instanceof Valid<T> valid) {
      return valid.value();
    }
    throw new IllegalStateException("proof did not verify: " + failure());
  }

  /**
   * The failure.
   *
   * @throws IllegalStateException when the proof verified
   */
  default ProofFailure failure() {
    if (this instanceof Invalid<T> invalid) {
      return invalid.failure();
    }
    throw new IllegalStateException("proof verified; there is no failure");
  }

  /** Applies {@code f} to a verified value; a failure passes through unchanged. */
  default <U> ProofResult<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Valid<T> valid) {
      return new Valid<>(f.apply(valid.value()));
    }
    return new Invalid<>(failure());
  }

  /** Chains a further check on a verified value. */
  default <U> ProofResult<U> flatMap(Function<? super T, ProofResult<U>> f) {
    if (this instanceof Valid<T> valid) {
      return f.apply(valid.value());
    }
    return new Invalid<>(failure());
  }
}
