package dev.hdp.core.compute;

/** A computation that has no uint256 answer: no values, or a sum beyond 2^256 − 1. */
public final class AggregationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AggregationException(String message) {
    super(message);
  }
}
