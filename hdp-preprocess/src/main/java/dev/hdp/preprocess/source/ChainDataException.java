package dev.hdp.preprocess.source;

/**
 * A source could not provide an item: it is missing, malformed, or the node failed. Distinct from a
 * proof that does not verify, which the preprocessor reports as a verification failure.
 */
public final class ChainDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainDataException(String message) {
    super(message);
  }

  public ChainDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
