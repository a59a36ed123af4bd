package dev.hdp.watcher.store;

/** What storing an artifact does when the batch already has one of that kind with other content. */
public enum ArtifactRewrite {
  /** Different content is an {@link ArtifactConflictException}: artifacts are written once. */
  REFUSE,
  /**
   * Different content replaces the old: for the stage that produces the artifact, whose re-run (a
   * retry after a failure) recomputes it and everything derived from it.
   */
  REPLACE
}
