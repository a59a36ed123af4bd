package dev.hdp.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared fixtures for a benchmark's setup: the system property {@code hdp.fixtures.dir},
 * else the environment variable {@code HDP_FIXTURES_DIR} (which JMH's forked JVMs inherit), else
 * {@code ../shared/fixtures} from the working directory, i.e. the repository root.
 */
final class BenchmarkFixtures {
  private BenchmarkFixtures() {}

  /** The fixture file or folder at {@code relative}, or an exception saying where it was looked. */
  static Path path(String relative) {
    String configured = System.getProperty("hdp.fixtures.dir", System.getenv("HDP_FIXTURES_DIR"));
    Path root = Path.of(configured == null ? "../shared/fixtures" : configured).normalize();
    Path file = root.resolve(relative);
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "fixture not found: "
              + file.toAbsolutePath()
              + " (run from the repository root, or set -Dhdp.fixtures.dir / HDP_FIXTURES_DIR)");
    }
    return file;
  }
}
