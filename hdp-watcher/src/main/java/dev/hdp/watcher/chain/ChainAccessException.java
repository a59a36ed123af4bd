package dev.hdp.watcher.chain;

/** The node could not read from or send to the chain (RPC failure, revert, timeout). */
public final class ChainAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainAccessException(String message) {
    super(message);
  }

  public ChainAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
