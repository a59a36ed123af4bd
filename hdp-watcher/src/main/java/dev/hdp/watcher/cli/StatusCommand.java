package dev.hdp.watcher.cli;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.hdp.watcher.node.NodeConfig;
import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.Intent;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.Migrations;
import dev.hdp.watcher.store.ProverKind;
import dev.hdp.watcher.store.StageVisit;
import dev.hdp.watcher.store.TaskRecord;
import dev.hdp.watcher.store.TaskStore;
import dev.hdp.watcher.store.TransitionRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hdp status}: the batches in a node's database and their stages, or one batch in detail
 * with its tasks, intents and transition log. Reads only; never creates or migrates a database.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the batches in a node's database and their stages.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Where {
    @Option(
        names = "--db",
        paramLabel = "PATH",
        description = "The node's H2 database file (default: ~/.hdp/node).")
    Path db;

    @Option(
        names = "--jdbc-url",
        paramLabel = "URL",
        description = "A JDBC URL instead, e.g. a shared PostgreSQL database.")
    String jdbcUrl;
  }

  @ArgGroup(exclusive = true)
  Where where = new Where();

  @Option(names = "--batch", paramLabel = "ID", description = "Show one batch in detail.")
  String batch;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "How many of the newest batches to list (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--db-user", defaultValue = "sa", description = "Database user.")
  String user;

  @Option(
      names = "--db-password-env",
      paramLabel = "VAR",
      description = "Environment variable holding the database password.")
  String passwordVariable;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<BatchId> wanted;
    try {
      wanted = Optional.ofNullable(batch).map(BatchId::parse);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (limit <= 0) {
      err.println("--limit must be positive");
      return 2;
    }
    String url;
    if (where.jdbcUrl != null) {
      url = where.jdbcUrl;
    } else {
      Path path = where.db == null ? NodeConfig.defaultDatabasePath() : where.db;
      if (!Files.isRegularFile(Database.h2File(path))) {
        err.println("no node database at " + Database.h2File(path));
        return 1;
      }
      url = Database.h2FileUrl(path, true);
    }
    String password = passwordVariable == null ? "" : System.getenv(passwordVariable);
    try (HikariDataSource pool =
        Database.pool(url, user, password == null ? "" : password, 2, "hdp-status")) {
      int version = Migrations.currentVersion(pool);
      if (version == 0) {
        err.println("not a node database (no schema): " + url);
        return 1;
      }
      if (version > Migrations.CURRENT_VERSION) {
        err.println("the database schema (v" + version + ") is newer than this hdp; upgrade it");
        return 1;
      }
      TaskStore store = new TaskStore(pool, Clock.systemUTC(), new SecureRandom());
      if (wanted.isEmpty()) {
        printTable(out, store.latest(limit));
        return 0;
      }
      Optional<BatchRecord> record = store.find(wanted.get());
      if (record.isEmpty()) {
        err.println("no batch " + wanted.get());
        return 1;
      }
      printBatch(out, store, new IntentLog(pool, Clock.systemUTC()), record.get());
      return 0;
    } catch (HikariPool.PoolInitializationException e) {
      err.println("cannot open the database: " + e.getMessage());
      return 1;
    }
  }

  static void printTable(PrintWriter out, List<BatchRecord> batches) {
    String format = "%-29s  %-28s  %-12s  %5s  %-20s  %-26s  %s%n";
    out.printf(format, "BATCH", "STAGE", "PROVER", "TASKS", "UPDATED", "SOURCE", "NOTE");
    for (BatchRecord batch : batches) {
      out.printf(
          format,
          batch.id(),
          stage(batch),
          batch.prover().map(ProverKind::label).orElse("-"),
          batch.tasks().size(),
          time(batch.updatedAt()),
          source(batch.source(), false),
          batch.failure().map(f -> clip(f.reason(), 60)).orElse(""));
    }
    out.printf("%d batch%s%n", batches.size(), batches.size() == 1 ? "" : "es");
  }

  static void printBatch(PrintWriter out, TaskStore store, IntentLog intents, BatchRecord batch) {
    out.printf("batch     %s%n", batch.id());
    out.printf("stage     %s%n", stage(batch));
    batch.failure().ifPresent(f -> out.printf("reason    %s%n", f.reason()));
    out.printf("prover    %s%n", batch.prover().map(ProverKind::label).orElse("-"));
    out.printf("source    %s%n", source(batch.source(), true));
    out.printf("created   %s%n", time(batch.createdAt()));
    out.printf("updated   %s%n", time(batch.updatedAt()));
    for (ArtifactKind kind : ArtifactKind.values()) {
      batch
          .artifact(kind)
          .ifPresent(
              at ->
                  out.printf(
                      "%-9s %s%s%n",
                      kind.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                      at,
                      store
                          .artifactSize(batch, kind)
                          .map(size -> " (" + size + " bytes)")
                          .orElse("")));
    }
    out.println();
    out.println("TASK  COMMITMENT                                                          RESULT");
    for (TaskRecord task : batch.tasks()) {
      out.printf(
          "%4d  %s  %s%n",
          task.index(), task.commitment().toHex(), task.result().map(r -> r.toHex()).orElse("-"));
    }
    List<Intent> sent = intents.forBatch(batch.id());
    if (!sent.isEmpty()) {
      out.println();
      out.println(
          "INTENT                      STATE      SENDS  TX                                                                  SUBJECT");
      for (Intent intent : sent) {
        out.printf(
            "%-26s  %-9s  %5d  %-66s  %s%n",
            intent.kind(),
            intent.state(),
            intent.sends(),
            intent.txHash().map(h -> h.toHex()).orElse("-"),
            intent.subject());
      }
    }
    out.println();
    out.println("STAGE           ENTRIES  RUNS");
    for (StageVisit visit : store.visits(batch.id())) {
      out.printf("%-14s  %7d  %4d%n", visit.stage(), visit.entries(), visit.runs());
    }
    out.println();
    out.println(
        "SEQ  AT                        FROM           TO             ACTOR                     REASON");
    for (TransitionRecord line : store.transitions(batch.id())) {
      out.printf(
          "%3d  %-24s  %-13s  %-21s  %-24s  %s%n",
          line.sequence(),
          line.at().truncatedTo(ChronoUnit.MILLIS),
          line.from().map(Stage::name).orElse("-"),
          line.to() == Stage.FAILED
              ? "FAILED(" + line.failedStage().map(Stage::name).orElse("?") + ")"
              : line.to().name(),
          line.actor(),
          line.reason());
    }
  }

  private static String stage(BatchRecord batch) {
    return batch.failure().map(f -> "FAILED(" + f.stage() + ")").orElse(batch.stage().name());
  }

  private static String source(BatchSource source, boolean full) {
    return switch (source) {
      case BatchSource.OnChain event ->
          "chain "
              + (full ? event.txHash().toHex() : event.txHash().toHex().substring(0, 10) + "…")
              + ":"
              + event.logIndex()
              + "@"
              + event.blockNumber();
      case BatchSource.Http http -> "http " + http.client();
    };
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
