package dev.hdp.cairo.program;

/** A compiled program that does not follow the {@code cairo-compile} format; says where. */
public final class ProgramFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProgramFormatException(String message) {
    super(message);
  }

  public ProgramFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
