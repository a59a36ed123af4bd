package dev.hdp.watcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * File handling shared by the commands: clear errors, and atomic writes so nothing is half-written.
 */
final class CliSupport {
  private CliSupport() {}

  /** The shared fixtures: {@code HDP_FIXTURES_DIR}, else {@code ../shared/fixtures} beside home. */
  static Path fixturesDir(Path home) {
    String configured = System.getenv("HDP_FIXTURES_DIR");
    return configured != null
        ? Path.of(configured)
        : home.resolve("../shared/fixtures").normalize();
  }

  /** Reads a text file, naming it and its role when it is missing. */
  static String read(Path file, String role) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the " + role + " file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + role + " file " + file, e);
    }
  }

  /** Writes through a temporary file and a rename, creating parent folders. */
  static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temp, content.endsWith("\n") ? content : content + "\n");
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
