package dev.hdp.watcher.store;

/**
 * Another watcher on the same database (a clustered node) recorded some of these events first;
 * nothing was written, and the next poll starts from the cursor it left.
 */
public final class EventsAlreadyRecordedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public EventsAlreadyRecordedException(String message, Throwable cause) {
    super(message, cause);
  }
}
