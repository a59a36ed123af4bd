package dev.hdp.watcher.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.node.Node;
import dev.hdp.watcher.node.NodeConfig;
import dev.hdp.watcher.schedule.StageHandler;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.TaskStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * How fast the task store and the scheduled pipeline are on the embedded H2 file database: batch
 * creation, compare-and-set stage moves (alone and with two workers racing for every batch), and
 * batches taken through all stages by a node whose handlers do nothing, so that what is measured is
 * the store and Quartz.
 */
public final class StoreBench {
  private static final int BATCHES = 400;
  private static final int PIPELINE_BATCHES = 40;

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Runs every measurement in a temporary folder and prints the table. */
  public static void run(PrintStream out) throws Exception {
    Path folder = Files.createTempDirectory("hdp-store-bench");
    try {
      out.printf("%-44s %10s %12s%n", "operation (H2 file, HikariCP)", "count", "per second");
      measureStore(folder.resolve("store"), out);
      measurePipeline(folder.resolve("node"), out);
    } finally {
      delete(folder);
    }
  }

  private static void measureStore(Path db, PrintStream out) throws Exception {
    Clock clock = Clock.systemUTC();
    try (HikariDataSource pool =
        Database.pool(Database.h2FileUrl(db, false), "sa", "", 4, "bench")) {
      Migrations.migrate(pool, clock);
      TaskStore store = new TaskStore(pool, clock, new Random(1));
      // Warm-up, so that class loading and the JIT do not count.
      create(store, 50);
      long start = System.nanoTime();
      List<BatchId> ids = create(store, BATCHES);
      row(out, "create batch (4 tasks)", BATCHES, start);

      start = System.nanoTime();
      for (BatchId id : ids) {
        store.advance(id, Stage.RECEIVED, Stage.SCHEDULED, "bench", "move");
      }
      row(out, "advance (compare-and-set + log), 1 thread", BATCHES, start);

      ExecutorService racers = Executors.newFixedThreadPool(2);
      AtomicInteger wins = new AtomicInteger();
      start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int racer = 0; racer < 2; racer++) {
        done.add(
            racers.submit(
                () -> {
                  for (BatchId id : ids) {
                    if (store.advance(id, Stage.SCHEDULED, Stage.PREPROCESSING, "bench", "race")) {
                      wins.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> racer : done) {
        racer.get();
      }
      racers.shutdown();
      row(out, "advance, 2 threads racing per batch (tries)", 2 * BATCHES, start);
      if (wins.get() != BATCHES) {
        throw new IllegalStateException("expected one winner per batch, got " + wins.get());
      }

      start = System.nanoTime();
      for (BatchId id : ids) {
        store.get(id);
      }
      row(out, "read batch with tasks", BATCHES, start);
    }
  }

  private static void measurePipeline(Path db, PrintStream out) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("hdp.db.path", db.toString());
    properties.setProperty("hdp.node.workerThreads", "4");
    properties.setProperty("hdp.schedule.factCheckCron", "* * * * * ?");
    properties.setProperty("hdp.schedule.accumulatorInterval", "PT0S");
    properties.setProperty("hdp.schedule.idleWait", "PT1S");
    StageHandler done = context -> StageOutcome.done("bench");
    StageHandlers handlers = new StageHandlers(done, done, done, done, done, context -> {});
    try (Node node =
        Node.start(NodeConfig.fromProperties(properties), handlers, Clock.systemUTC())) {
      long start = System.nanoTime();
      List<BatchId> ids = new ArrayList<>();
      for (int i = 0; i < PIPELINE_BATCHES; i++) {
        ids.add(node.submit(request(i)).id());
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      for (BatchId id : ids) {
        while (node.store().get(id).stage() != Stage.FINALIZED) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(id + " did not finish");
          }
          Thread.sleep(5);
        }
      }
      row(out, "batches through all stages (no-op work)", PIPELINE_BATCHES, start);
      out.printf("%-44s %10s %12s%n", "  (includes waiting for the 1 s fact-check cron)", "", "");
    }
  }

  private static List<BatchId> create(TaskStore store, int count) {
    List<BatchId> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(store.create(request(i), "bench").id());
    }
    return ids;
  }

  private static NewBatch request(int i) {
    List<Bytes32> commitments = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      commitments.add(Keccak256.hash(new byte[] {(byte) i, (byte) (i >> 8), (byte) t}));
    }
    return new NewBatch(
        new BatchSource.Http("bench"), "{\"bench\":" + i + "}", commitments, Optional.empty());
  }

  private static void row(PrintStream out, String what, int count, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf("%-44s %10d %12.0f%n", what, count, count / seconds);
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
