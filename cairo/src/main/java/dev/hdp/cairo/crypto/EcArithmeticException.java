package dev.hdp.cairo.crypto;

/**
 * A step-by-step elliptic-curve computation reached a case that StarkWare's reference code (and the
 * Cairo AIR) rejects, such as adding two points with the same x coordinate.
 */
public final class EcArithmeticException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message describing the rejected step. */
  public EcArithmeticException(String message) {
    super(message);
  }
}
