package dev.hdp.watcher.store;

/** No batch with this id is stored. */
public final class NoSuchBatchException extends StoreException {
  private static final long serialVersionUID = 1L;

  public NoSuchBatchException(BatchId id) {
    super("no batch " + id);
  }
}
