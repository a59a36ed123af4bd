package dev.hdp.cairo.hints;

import dev.hdp.cairo.vm.VmException;

/** A hint that failed, or that no implementation matches (the message quotes its code). */
public final class HintException extends VmException {
  private static final long serialVersionUID = 1L;

  public HintException(String message) {
    super(message);
  }

  public HintException(String message, Throwable cause) {
    super(message, cause);
  }
}
