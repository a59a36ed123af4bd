package dev.hdp.watcher.store;

/** The files a batch produces, each stored as a location (a path or URI) on the batch. */
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
