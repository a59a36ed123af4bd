package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.fixtures.SharedFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairoCommandTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = HdpMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void hashPrintsThePublishedFibonacciProgramHash() {
    Result r =
        run(
            "cairo",
            "hash",
            "--program",
            SharedFixtures.resolve("cairo/fibonacci_compiled.json").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "0x4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45", r.out().trim());
  }

  @Test
  void runPrintsTheOutputAndWritesAPieThatFactAccepts(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input.json");
    Files.writeString(input, "{\"second_element\": 1, \"fibonacci_claim_index\": 10}");
    Path pie = dir.resolve("fib.zip");
    Result r =
        run(
            "cairo",
            "run",
            "--program",
            SharedFixtures.resolve("cairo/fibonacci_compiled.json").toString(),
            "--program-input",
            input.toString(),
            "--layout",
            "small",
            "--print-output",
            "--pie-out",
            pie.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Program output:\n  10\n  144\n"), r.out());
    Result fact = run("cairo", "fact", "--pie", pie.toString());
    assertEquals(0, fact.code(), fact.err());
    assertTrue(
        fact.out()
            .contains(
                "program hash: 0x4f028ea2f2568d9b71509641f65cd3879482a371ab2a18d20ca7528d960dd45"),
        fact.out());
    assertTrue(fact.out().contains("output: [0xa, 0x90]"), fact.out());
  }

  @Test
  void factPrintsAFactForBothPieFixtures() {
    for (String name : new String[] {"fibonacci_pie.zip", "madara_fibonacci_pie.zip"}) {
      Result r = run("cairo", "fact", "--pie", SharedFixtures.resolve("cairo/" + name).toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(
          r.out()
              .matches("(?s)program hash: 0x[0-9a-f]+\noutput: \\[.*\\]\nfact: 0x[0-9a-f]{64}\n"),
          r.out());
    }
  }

  @Test
  void aMalformedProgramIsAnErrorNamingTheField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, "{\"prime\": \"0x800000000000011000000000000000000000000000000000000000000000001\"}");
    Result r = run("cairo", "run", "--program", bad.toString());
    assertEquals(1, r.code());
    assertEquals("error: program.data is missing", r.err().trim());
  }
}
