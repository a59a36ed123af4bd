package dev.hdp.watcher.store;

/**
 * The files a batch produces. Each is recorded on the batch as a location: {@code db:KIND} when its
 * content is in the database ({@link TaskStore#storeArtifact}), or a path or URI (batches of older
 * nodes, and test handlers).
 */
public enum ArtifactKind {
  CAIRO_INPUT("cairo_input_location"),
  BATCH_FILE("batch_file_location"),
  PIE("pie_location");

  private final String column;

  ArtifactKind(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }
}
