package dev.hdp.watcher.store;

/**
 * An artifact's content in the database no longer matches the digest and size stored with it: the
 * database is damaged, which is the node's fault, never the reader's.
 */
public final class ArtifactCorruptException extends StoreException {
  private static final long serialVersionUID = 1L;

  ArtifactCorruptException(String message) {
    super(message);
  }
}
