package dev.hdp.cairo.crypto;

/** A value cannot be read as a STARK field element: malformed, wrong length or not below p. */
public final class InvalidFeltException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the offending input. */
  public InvalidFeltException(String message) {
    super(message);
  }
}
