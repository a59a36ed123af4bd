package dev.hdp.watcher.node;

/** The node could not start: the database, the schema or the scheduler failed. */
public final class NodeStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NodeStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
