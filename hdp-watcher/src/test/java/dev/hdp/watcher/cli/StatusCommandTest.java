package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.ArtifactRewrite;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.ProverKind;
import dev.hdp.watcher.store.TaskStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {
  @TempDir Path folder;
  private Path db;
  private BatchId pending;
  private BatchId failed;

  private static Bytes32 hash(String text) {
    return Keccak256.hash(text.getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void fillADatabase() {
    db = folder.resolve("node");
    try (HikariDataSource pool =
        Database.pool(Database.h2FileUrl(db, false), "sa", "", 2, "fill")) {
      Migrations.migrate(pool, Clock.systemUTC());
      TaskStore store = new TaskStore(pool, Clock.systemUTC(), new Random(3));
      pending =
          store
              .create(
                  new NewBatch(
                      new BatchSource.OnChain(hash("tx"), 7, 5_858_997),
                      "{}",
                      List.of(hash("a"), hash("b")),
                      Optional.of(ProverKind.DEV)),
                  "watcher")
              .id();
      Stage stage = Stage.RECEIVED;
      while (stage != Stage.FACT_PENDING) {
        store.advance(pending, stage, stage.next().orElseThrow(), "node-1/x", "step");
        stage = stage.next().orElseThrow();
      }
      store.storeArtifact(
          pending,
          ArtifactKind.BATCH_FILE,
          "{\"batch\":true}".getBytes(StandardCharsets.UTF_8),
          ArtifactRewrite.REFUSE);
      store.recordArtifact(pending, ArtifactKind.CAIRO_INPUT, "/older/node/cairo-input.json");
      new IntentLog(pool, Clock.systemUTC())
          .recordSent(
              new IntentLog(pool, Clock.systemUTC())
                  .open("markValid", "fact 0x01", Optional.of(pending), "node-1/prove"),
              hash("signed"),
              Optional.empty());
      failed =
          store
              .create(
                  new NewBatch(
                      new BatchSource.Http("key-9"), "{}", List.of(hash("c")), Optional.empty()),
                  "server")
              .id();
      store.advance(failed, Stage.RECEIVED, Stage.SCHEDULED, "node-1/planner", "planned");
      store.fail(failed, Stage.SCHEDULED, "node-1/preprocess", "RPC refused eth_getProof");
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = HdpMain.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void listsBatchesWithStagesProverAndFailureReason() {
    Run run = run("status", "--db", db.toString());
    assertEquals(0, run.exit(), run.err());
    String[] lines = run.out().split("\n");
    assertTrue(lines[0].startsWith("BATCH"), run.out());
    assertTrue(lines[0].contains("PROVER"), run.out());
    // Newest first.
    assertTrue(lines[1].startsWith(failed.value()), run.out());
    assertTrue(lines[1].contains("FAILED(SCHEDULED)"), lines[1]);
    assertTrue(lines[1].contains("RPC refused eth_getProof"), lines[1]);
    assertTrue(lines[1].contains("http key-9"), lines[1]);
    assertTrue(lines[2].startsWith(pending.value()), run.out());
    assertTrue(lines[2].contains("FACT_PENDING"), lines[2]);
    assertTrue(lines[2].contains("dev UNPROVEN"), lines[2]);
    assertTrue(lines[2].contains(":7@5858997"), lines[2]);
    assertEquals("2 batches", lines[3]);
    assertEquals(3, run("status", "--db", db + ".mv.db", "--limit", "1").out().split("\n").length);
  }

  @Test
  void showsOneBatchWithTasksIntentsAndTransitionLog() {
    Run run = run("status", "--db", db.toString(), "--batch", pending.value());
    assertEquals(0, run.exit(), run.err());
    String out = run.out();
    assertTrue(out.contains("stage     FACT_PENDING"), out);
    assertTrue(out.contains(hash("tx").toHex() + ":7@5858997"), out);
    assertTrue(out.contains(hash("a").toHex()), out);
    assertTrue(out.contains("markValid"), out);
    assertTrue(out.contains("batch-file db:BATCH_FILE (14 bytes)"), out);
    // An older node's file, not on this host: its location, no size.
    assertTrue(out.contains("cairo-input /older/node/cairo-input.json\n"), out);
    assertTrue(out.contains(hash("signed").toHex()), out);
    long transitions = out.lines().filter(l -> l.matches("\\s*\\d+  \\d{4}-.*")).count();
    assertEquals(8, transitions, out);
    assertTrue(out.contains("SUBMITTED      FACT_PENDING           node-1/x"), out);

    Run failedRun = run("status", "--db", db.toString(), "--batch", failed.value());
    assertTrue(failedRun.out().contains("reason    RPC refused eth_getProof"), failedRun.out());
    assertTrue(failedRun.out().contains("FAILED(SCHEDULED)"), failedRun.out());
  }

  @Test
  void reportsMissingDatabasesAndBatchesWithoutCreatingAnything() {
    Run missing = run("status", "--db", folder.resolve("nothing").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no node database"), missing.err());
    assertTrue(!folder.resolve("nothing.mv.db").toFile().exists());

    Run unknown = run("status", "--db", db.toString(), "--batch", "bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0NB");
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("no batch bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0NB"), unknown.err());

    Run malformed = run("status", "--db", db.toString(), "--batch", "bq_nope");
    assertEquals(2, malformed.exit());
    assertTrue(malformed.err().contains("bad batch id"), malformed.err());
  }
}
