package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hdp.fixtures.SharedFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir Path out;

  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(String... args) {
    CommandLine cli = HdpMain.commandLine();
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    int exit = cli.execute(args);
    return new Run(exit, stdout.toString(), stderr.toString());
  }

  @Test
  void writesHdpsBatchFileForAStorageBatch() throws Exception {
    Path folder = SharedFixtures.resolve("hdp-sepolia/19");
    Run run =
        run(
            "run",
            "--request",
            folder.resolve("request.json").toString(),
            "--chain-data",
            folder.resolve("chain-data.json").toString(),
            "--batch-out",
            out.resolve("batch.json").toString(),
            "--cairo-input-out",
            out.resolve("input.json").toString());
    assertEquals(0, run.exit(), run.stderr());
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.readTree(folder.resolve("expected-batch.json").toFile()),
        json.readTree(out.resolve("batch.json").toFile()));
    assertTrue(Files.size(out.resolve("input.json")) > 100_000);
    assertTrue(run.stdout().contains("results root 0x37dcea7b9806a3fd"), run.stdout());
    assertTrue(run.stderr().contains("46/46 items verified"), run.stderr());
  }

  @Test
  void badInputExitsTwoNamingTheProblem() {
    Path folder = SharedFixtures.resolve("hdp-sepolia/01");
    Run missing =
        run(
            "run",
            "--request",
            out.resolve("nope.json").toString(),
            "--chain-data",
            folder.resolve("chain-data.json").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.stderr().contains("nope.json does not exist"), missing.stderr());
    Run half = run("run", "--request", folder.resolve("request.json").toString());
    assertEquals(2, half.exit());
    assertTrue(half.stderr().contains("give both --request and --chain-data"), half.stderr());
  }
}
