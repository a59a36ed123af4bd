package dev.hdp.cairo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.cairo.compiler.CairoCompiler;
import dev.hdp.cairo.compiler.CompilerOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Times the Cairo 0 compiler on the oracle programs of the shared fixtures (their sources are
 * written out from {@code debug_info.file_contents}), and checks each result against the original.
 */
public final class CompilerBench {
  private static final String[] PROGRAMS = {
    "bootloader_compiled.json",
    "applicative_bootloader_compiled.json",
    "mock_cairo_verifier_compiled.json",
    "concat_aggregator_compiled.json",
    "simple_output_compiled.json"
  };

  private CompilerBench() {}

  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /** Runs with the fixtures found through {@code hdp.fixtures.dir} or {@code HDP_FIXTURES_DIR}. */
  public static void run(PrintStream out) throws IOException {
    run(
        out,
        Path.of(
            System.getProperty(
                "hdp.fixtures.dir",
                System.getenv().getOrDefault("HDP_FIXTURES_DIR", "../shared/fixtures"))));
  }

  /** Prints one row per program: size, warm compile time (median and best of the runs). */
  public static void run(PrintStream out, Path fixtures) throws IOException {
    out.printf(
        "%-40s %7s %6s %5s %10s %10s %s%n",
        "program", "words", "hints", "runs", "median ms", "best ms", "same data");
    for (String name : PROGRAMS) {
      Path fixture = fixtures.resolve("cairo").resolve(name);
      if (!Files.isRegularFile(fixture)) {
        out.printf("%-40s (fixture missing at %s)%n", name, fixture);
        continue;
      }
      JsonNode program = new ObjectMapper().readTree(fixture.toFile());
      Path dir = Files.createTempDirectory("cairo-bench");
      try {
        Path main = extract(program, dir);
        CairoCompiler compiler = new CairoCompiler(List.of(dir), true);
        int runs = name.startsWith("bootloader") ? 20 : 10;
        for (int i = 0; i < 3; i++) {
          compiler.compile(main);
        }
        long[] nanos = new long[runs];
        CompilerOutput result = null;
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          result = new CairoCompiler(List.of(dir), true).compile(main);
          nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        List<String> expected = new ArrayList<>();
        program.get("data").forEach(n -> expected.add(n.asText()));
        List<String> actual = new ArrayList<>();
        result.data().forEach(w -> actual.add("0x" + w.toString(16)));
        out.printf(
            "%-40s %7d %6d %5d %10.1f %10.1f %s%n",
            name,
            result.data().size(),
            result.hints().values().stream().mapToInt(List::size).sum(),
            runs,
            nanos[runs / 2] / 1e6,
            nanos[0] / 1e6,
            expected.equals(actual) ? "yes" : "NO");
      } finally {
        deleteTree(dir);
      }
    }
  }

  private static Path extract(JsonNode program, Path dir) throws IOException {
    Path main = null;
    for (Map.Entry<String, JsonNode> e :
        program.get("debug_info").get("file_contents").properties()) {
      String file = e.getKey();
      if (file.equals("<start>")) {
        continue;
      }
      Path target = dir.resolve(file.substring(file.lastIndexOf("src/") + 4));
      Files.createDirectories(target.getParent());
      Files.writeString(target, e.getValue().asText());
      if (!file.startsWith("/")) {
        main = target;
      }
    }
    return main;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
