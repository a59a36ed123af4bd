package dev.hdp.cairo.bootloader;

/**
 * A bootloader input that does not match its schema, or a task whose program or PIE cannot be read;
 * the message names the field (e.g. {@code tasks[2].path}). A hint that parses the input reports it
 * as a {@code HintException}.
 */
public final class BootloaderInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BootloaderInputException(String message) {
    super(message);
  }

  public BootloaderInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
