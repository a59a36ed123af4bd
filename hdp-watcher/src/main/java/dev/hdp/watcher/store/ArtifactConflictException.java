package dev.hdp.watcher.store;

/** A batch already has an artifact of this kind with other content, and it may not be replaced. */
public final class ArtifactConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ArtifactConflictException(
      BatchId id, ArtifactKind kind, String storedSha256, String newSha256) {
    super(
        "batch "
            + id
            + " already has a "
            + Artifacts.label(kind)
            + " artifact with SHA-256 "
            + storedSha256
            + "; refusing different content with SHA-256 "
            + newSha256);
  }
}
