package dev.hdp.watcher.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Artifact contents in {@code hdp_artifact}, and the locations batches record for them: {@code
 * db:KIND} for contents in the database, or (batches from nodes older than schema version 5) a
 * local path or {@code file:} URI.
 */
final class Artifacts {
  /** The prefix of locations whose content is in {@code hdp_artifact}. */
  static final String DB_PREFIX = "db:";

  private Artifacts() {}

  /** The location recorded on the batch for an artifact stored in the database. */
  static String dbLocation(ArtifactKind kind) {
    return DB_PREFIX + kind.name();
  }

  static boolean isDbLocation(String location) {
    return location.startsWith(DB_PREFIX);
  }

  /**
   * Writes (or keeps) the content of one artifact, under the batch row's lock, and records its
   * location on the batch; the caller commits both together.
   */
  static void store(
      Connection connection,
      BatchId id,
      ArtifactKind kind,
      byte[] content,
      ArtifactRewrite rewrite,
      Instant now)
      throws SQLException {
    lockBatch(connection, id);
    String digest = sha256(content);
    Optional<String> existing = storedDigest(connection, id, kind);
    if (existing.isPresent()) {
      if (existing.get().equals(digest)) {
        return; // the same content again: a re-run after a crash
      }
      if (rewrite == ArtifactRewrite.REFUSE) {
        throw new ArtifactConflictException(id, kind, existing.get(), digest);
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE hdp_artifact SET content = ?, sha256 = ?, size_bytes = ?, updated_at = ?"
                  + " WHERE batch_id = ? AND kind = ?")) {
        update.setBytes(1, content);
        update.setString(2, digest);
        update.setLong(3, content.length);
        Jdbc.setTime(update, 4, now);
        update.setString(5, id.value());
        update.setString(6, kind.name());
        update.executeUpdate();
      }
    } else {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO hdp_artifact (batch_id, kind, content, sha256, size_bytes, created_at,"
                  + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, id.value());
        insert.setString(2, kind.name());
        insert.setBytes(3, content);
        insert.setString(4, digest);
        insert.setLong(5, content.length);
        Jdbc.setTime(insert, 6, now);
        Jdbc.setTime(insert, 7, now);
        insert.executeUpdate();
      }
    }
    TaskStore.setBatchColumn(connection, id, kind.column(), dbLocation(kind), now);
  }

  /**
   * Locks the batch row for the rest of the transaction, so that two nodes storing the same
   * artifact at once are serialised (the second sees the first's row, not a key violation).
   */
  private static void lockBatch(Connection connection, BatchId id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT batch_id FROM hdp_batch WHERE batch_id = ? FOR UPDATE")) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new NoSuchBatchException(id);
        }
      }
    }
  }

  private static Optional<String> storedDigest(Connection connection, BatchId id, ArtifactKind kind)
      throws SQLException {
    return column(connection, id, kind, "sha256", rows -> rows.getString(1));
  }

  private interface ColumnReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** One column of an artifact's row ({@code column} is one of ours, never user input). */
  private static <T> Optional<T> column(
      Connection connection, BatchId id, ArtifactKind kind, String column, ColumnReader<T> reader)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + column + " FROM hdp_artifact WHERE batch_id = ? AND kind = ?")) {
      select.setString(1, id.value());
      select.setString(2, kind.name());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
      }
    }
  }

  /** The content of an artifact in the database, checked against its digest and size. */
  static byte[] read(Connection connection, BatchId id, ArtifactKind kind) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT content, sha256, size_bytes FROM hdp_artifact WHERE batch_id = ? AND kind = ?")) {
      select.setString(1, id.value());
      select.setString(2, kind.name());
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new StoreException(
              "batch "
                  + id
                  + " records its "
                  + label(kind)
                  + " at "
                  + dbLocation(kind)
                  + " but the database holds no such artifact");
        }
        byte[] content = rows.getBytes("content");
        String expected = rows.getString("sha256");
        long size = rows.getLong("size_bytes");
        String actual = sha256(content);
        if (content.length != size || !actual.equals(expected)) {
          throw new ArtifactCorruptException(
              "the "
                  + label(kind)
                  + " of batch "
                  + id
                  + " is corrupt: "
                  + content.length
                  + " bytes with SHA-256 "
                  + actual
                  + ", stored as "
                  + size
                  + " bytes with SHA-256 "
                  + expected);
        }
        return content;
      }
    }
  }

  /** The size of an artifact in the database, empty when there is no such row. */
  static Optional<Long> size(Connection connection, BatchId id, ArtifactKind kind)
      throws SQLException {
    return column(connection, id, kind, "size_bytes", rows -> rows.getLong(1));
  }

  /**
   * A location recorded by an older node as a local file: a path, or a {@code file:} URI; empty for
   * other URIs.
   */
  static Optional<Path> legacyPath(String location) {
    try {
      if (location.startsWith("file:")) {
        return Optional.of(Path.of(URI.create(location)));
      }
      if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")
          && !location.matches("^[a-zA-Z]:\\\\.*")) {
        return Optional.empty();
      }
      return Optional.of(Path.of(location));
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Reads an artifact an older node wrote as a file on this host. */
  static byte[] readLegacy(BatchId id, ArtifactKind kind, String location) {
    Path file =
        legacyPath(location)
            .orElseThrow(
                () ->
                    new StoreException(
                        "the "
                            + label(kind)
                            + " of batch "
                            + id
                            + " is at "
                            + location
                            + ", which is neither in the database nor a local file"));
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException(
          "the "
              + label(kind)
              + " of batch "
              + id
              + " was written by an older node as the file "
              + location
              + ", which is not readable here: "
              + e,
          e);
    }
  }

  static String label(ArtifactKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
