package dev.hdp.cairo.pie;

/** A PIE that is not well formed or fails a validity check; the message says which. */
public final class PieFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PieFormatException(String message) {
    super(message);
  }

  public PieFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
