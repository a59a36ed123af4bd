package dev.hdp.cairo.vm;

/** A run that cannot go on: a failed assertion, a bad operand, a memory conflict. */
public class VmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VmException(String message) {
    super(message);
  }

  public VmException(String message, Throwable cause) {
    super(message, cause);
  }
}
