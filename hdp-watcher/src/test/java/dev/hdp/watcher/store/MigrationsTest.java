package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  /** The database these tests run on; {@code MigrationsPostgresIT} runs them on PostgreSQL. */
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }

  @TempDir Path folder;

  @Test
  void migratesAnEmptyDatabaseOnceAndRecordsTheVersions() throws Exception {
    try (HikariDataSource pool = databaseKind().pool(folder, "m")) {
      assertEquals(0, Migrations.currentVersion(pool));
      assertEquals(List.of(1, 2, 3, 4, 5), Migrations.migrate(pool, Clock.systemUTC()));
      assertEquals(List.of(), Migrations.migrate(pool, Clock.systemUTC()));
      assertEquals(Migrations.CURRENT_VERSION, Migrations.currentVersion(pool));
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        for (String table :
            List.of(
                "hdp_batch",
                "hdp_task",
                "hdp_transition",
                "hdp_intent",
                "qrtz_job_details",
                "qrtz_locks")) {
          try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            assertTrue(rows.next(), table);
          }
        }
        statement.execute(
            "INSERT INTO hdp_schema_version VALUES (99, 'from the future', CURRENT_TIMESTAMP)");
      }
      StoreException newer =
          assertThrows(StoreException.class, () -> Migrations.migrate(pool, Clock.systemUTC()));
      assertTrue(newer.getMessage().contains("99"), newer.getMessage());
    }
  }

  @Test
  void nodesMigratingOneDatabaseTogetherApplyEachVersionOnce() throws Exception {
    try (HikariDataSource pool = databaseKind().pool(folder, "together")) {
      int nodes = 4;
      ExecutorService threads = Executors.newFixedThreadPool(nodes);
      try {
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<Future<List<Integer>>> runs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          runs.add(
              threads.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return Migrations.migrate(pool, Clock.systemUTC());
                  }));
        }
        List<Integer> applied = new ArrayList<>();
        for (Future<List<Integer>> run : runs) {
          applied.addAll(run.get(60, TimeUnit.SECONDS));
        }
        Collections.sort(applied);
        assertEquals(List.of(1, 2, 3, 4, 5), applied);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void theDefaultDatabaseIsAnH2FileAtTheGivenPath() {
    Assumptions.assumeTrue(databaseKind() == TestDatabase.Kind.H2, "H2 only");
    try (HikariDataSource pool =
        Database.pool(Database.h2FileUrl(folder.resolve("node"), false), "sa", "", 2, "m")) {
      assertEquals(List.of(1, 2, 3, 4, 5), Migrations.migrate(pool, Clock.systemUTC()));
    }
    assertTrue(Database.h2File(folder.resolve("node")).toFile().isFile());
  }

  @Test
  void scriptsSplitIntoStatementsWithoutCommentsOrCommit() {
    assertEquals(
        List.of("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"),
        Migrations.statements(
            "-- note; with a semicolon\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT);\nCOMMIT;\n"));
  }

  @Test
  void aReadOnlyUrlRefusesToCreateADatabase() {
    Assumptions.assumeTrue(databaseKind() == TestDatabase.Kind.H2, "H2 only");
    Path missing = folder.resolve("absent");
    assertThrows(
        RuntimeException.class,
        () -> {
          try (HikariDataSource pool =
              Database.pool(Database.h2FileUrl(missing, true), "sa", "", 1, "ro")) {
            pool.getConnection().close();
          }
        });
    assertTrue(!Database.h2File(missing).toFile().exists());
  }
}
