package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Bytes32;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifact contents in the database ({@link TaskStore#storeArtifact}, {@code readArtifact}). */
class ArtifactStoreTest {
  /** The database these tests run on; {@code ArtifactStorePostgresIT} runs them on PostgreSQL. */
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }

  private static final String REQUEST =
      "{\"destinationChainId\":\"ETHEREUM_SEPOLIA\",\"tasks\":[]}";

  @TempDir Path folder;
  private TickingClock clock;
  private TestDatabase database;
  private TaskStore store;

  @BeforeEach
  void open() {
    clock = new TickingClock(Instant.parse("2026-11-21T12:00:00Z"));
    database = databaseKind().open(folder, clock);
    store = new TaskStore(database.dataSource, clock, new Random(1));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static NewBatch newBatch() {
    return new NewBatch(
        new BatchSource.Http("api-key-1"),
        REQUEST,
        List.of(TaskStoreTest.hash("task")),
        Optional.empty());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs one SQL update on the test database, as a damaged or older database would be. */
  private void sql(String statement, Object... parameters) throws Exception {
    try (Connection connection = database.dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setObject(i + 1, parameters[i]);
      }
      update.executeUpdate();
    }
  }

  @Test
  void aStoredArtifactIsReadBackFromTheDatabaseWithADbLocation() {
    BatchRecord batch = store.create(newBatch(), "test");
    byte[] content = utf8("{\"batch\":1}");
    store.storeArtifact(batch.id(), ArtifactKind.BATCH_FILE, content, ArtifactRewrite.REFUSE);

    BatchRecord read = store.get(batch.id());
    assertEquals(Optional.of("db:BATCH_FILE"), read.artifact(ArtifactKind.BATCH_FILE));
    assertEquals(Optional.empty(), read.artifact(ArtifactKind.CAIRO_INPUT));
    assertArrayEquals(content, store.readArtifact(read, ArtifactKind.BATCH_FILE).orElseThrow());
    assertEquals(
        Optional.of((long) content.length), store.artifactSize(read, ArtifactKind.BATCH_FILE));
    assertEquals(Optional.empty(), store.readArtifact(read, ArtifactKind.CAIRO_INPUT));
  }

  @Test
  void preprocessingLandsItsArtifactsAndResultsTogetherOrNotAtAll() {
    BatchRecord batch = store.create(newBatch(), "test");
    Map<ArtifactKind, byte[]> artifacts = new EnumMap<>(ArtifactKind.class);
    artifacts.put(ArtifactKind.BATCH_FILE, utf8("{\"batch\":1}"));
    artifacts.put(ArtifactKind.CAIRO_INPUT, utf8("{\"input\":1}"));
    Bytes32 result = TaskStoreTest.hash("result");

    // One result too many for the batch's one task: nothing of it may stay behind.
    assertThrows(
        IllegalArgumentException.class,
        () -> store.recordPreprocessed(batch.id(), artifacts, List.of(result, result)));
    BatchRecord untouched = store.get(batch.id());
    assertEquals(Optional.empty(), untouched.artifact(ArtifactKind.BATCH_FILE));
    assertEquals(Optional.empty(), store.artifactSize(untouched, ArtifactKind.CAIRO_INPUT));

    store.recordPreprocessed(batch.id(), artifacts, List.of(result));
    BatchRecord done = store.get(batch.id());
    assertEquals(Optional.of(result), done.tasks().get(0).result());
    for (ArtifactKind kind : artifacts.keySet()) {
      assertArrayEquals(artifacts.get(kind), store.readArtifact(done, kind).orElseThrow());
    }
    // A re-run after a crash recomputes and replaces.
    artifacts.put(ArtifactKind.CAIRO_INPUT, utf8("{\"input\":2}"));
    store.recordPreprocessed(batch.id(), artifacts, List.of(result));
    assertArrayEquals(
        utf8("{\"input\":2}"),
        store.readArtifact(store.get(batch.id()), ArtifactKind.CAIRO_INPUT).orElseThrow());
  }

  @Test
  void storingTheSameContentAgainIsHarmless() {
    BatchRecord batch = store.create(newBatch(), "test");
    byte[] content = utf8("same");
    store.storeArtifact(batch.id(), ArtifactKind.CAIRO_INPUT, content, ArtifactRewrite.REFUSE);
    store.storeArtifact(
        batch.id(), ArtifactKind.CAIRO_INPUT, content.clone(), ArtifactRewrite.REFUSE);
    assertArrayEquals(
        content, store.readArtifact(store.get(batch.id()), ArtifactKind.CAIRO_INPUT).orElseThrow());
  }

  @Test
  void otherContentIsRefusedUnlessTheWriterMayRewrite() {
    BatchRecord batch = store.create(newBatch(), "test");
    store.storeArtifact(batch.id(), ArtifactKind.PIE, utf8("first"), ArtifactRewrite.REFUSE);

    ArtifactConflictException refused =
        assertThrows(
            ArtifactConflictException.class,
            () ->
                store.storeArtifact(
                    batch.id(), ArtifactKind.PIE, utf8("second"), ArtifactRewrite.REFUSE));
    assertTrue(refused.getMessage().contains(batch.id().value()), refused.getMessage());
    assertTrue(refused.getMessage().contains("pie"), refused.getMessage());
    assertArrayEquals(
        utf8("first"), store.readArtifact(store.get(batch.id()), ArtifactKind.PIE).orElseThrow());

    store.storeArtifact(batch.id(), ArtifactKind.PIE, utf8("second"), ArtifactRewrite.REPLACE);
    assertArrayEquals(
        utf8("second"), store.readArtifact(store.get(batch.id()), ArtifactKind.PIE).orElseThrow());
    assertEquals(Optional.of(6L), store.artifactSize(store.get(batch.id()), ArtifactKind.PIE));
  }

  @Test
  void anArtifactOfAnUnknownBatchIsNotStored() {
    BatchId unknown = BatchId.parse("bq_01JDA9ZQ5V3M8Q2XK7T4W6Y0NB");
    assertThrows(
        NoSuchBatchException.class,
        () -> store.storeArtifact(unknown, ArtifactKind.PIE, utf8("x"), ArtifactRewrite.REFUSE));
  }

  @Test
  void aMissingRowIsAnErrorNamingTheBatchAndKind() throws Exception {
    BatchRecord batch = store.create(newBatch(), "test");
    store.storeArtifact(batch.id(), ArtifactKind.BATCH_FILE, utf8("x"), ArtifactRewrite.REFUSE);
    sql("DELETE FROM hdp_artifact WHERE batch_id = ?", batch.id().value());

    BatchRecord read = store.get(batch.id());
    StoreException e =
        assertThrows(StoreException.class, () -> store.readArtifact(read, ArtifactKind.BATCH_FILE));
    assertTrue(e.getMessage().contains(batch.id().value()), e.getMessage());
    assertTrue(e.getMessage().contains("batch file"), e.getMessage());
    assertTrue(e.getMessage().contains("db:BATCH_FILE"), e.getMessage());
    assertEquals(Optional.empty(), store.artifactSize(read, ArtifactKind.BATCH_FILE));
  }

  @Test
  void contentThatNoLongerMatchesItsDigestIsAnErrorNotData() throws Exception {
    BatchRecord batch = store.create(newBatch(), "test");
    store.storeArtifact(
        batch.id(), ArtifactKind.CAIRO_INPUT, utf8("{\"a\":1}"), ArtifactRewrite.REFUSE);
    sql(
        "UPDATE hdp_artifact SET content = ? WHERE batch_id = ?",
        utf8("{\"a\":2}"),
        batch.id().value());

    StoreException e =
        assertThrows(
            StoreException.class,
            () -> store.readArtifact(store.get(batch.id()), ArtifactKind.CAIRO_INPUT));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertTrue(e.getMessage().contains(batch.id().value()), e.getMessage());
    assertTrue(e.getMessage().contains("cairo input"), e.getMessage());
  }

  @Test
  void aFileLocationOfAnOlderNodeIsStillRead() throws Exception {
    BatchRecord batch = store.create(newBatch(), "test");
    Path file = Files.writeString(folder.resolve("batch.json"), "{\"old\":true}");
    store.recordArtifact(batch.id(), ArtifactKind.BATCH_FILE, file.toString());
    Path uriFile = Files.writeString(folder.resolve("cairo-input.json"), "{\"uri\":true}");
    store.recordArtifact(batch.id(), ArtifactKind.CAIRO_INPUT, uriFile.toUri().toString());

    BatchRecord read = store.get(batch.id());
    assertArrayEquals(
        utf8("{\"old\":true}"), store.readArtifact(read, ArtifactKind.BATCH_FILE).orElseThrow());
    assertArrayEquals(
        utf8("{\"uri\":true}"), store.readArtifact(read, ArtifactKind.CAIRO_INPUT).orElseThrow());
    assertEquals(Optional.of(12L), store.artifactSize(read, ArtifactKind.BATCH_FILE));

    Files.delete(file);
    StoreException gone =
        assertThrows(StoreException.class, () -> store.readArtifact(read, ArtifactKind.BATCH_FILE));
    assertTrue(gone.getMessage().contains(batch.id().value()), gone.getMessage());
    assertTrue(gone.getMessage().contains(file.toString()), gone.getMessage());
  }

  @Test
  void aDatabaseOfAnOlderNodeKeepsItsBatchesAfterTheUpgrade() throws Exception {
    Path olderFolder = Files.createDirectory(folder.resolve("older"));
    try (HikariDataSource pool = databaseKind().pool(olderFolder, "older")) {
      assertEquals(List.of(1, 2, 3, 4), Migrations.migrateTo(pool, clock, 4));
      TaskStore older = new TaskStore(pool, clock, new Random(2));
      BatchRecord batch = older.create(newBatch(), "older node");
      Path file = Files.writeString(olderFolder.resolve("batch.json"), "{\"v\":4}");
      older.recordArtifact(batch.id(), ArtifactKind.BATCH_FILE, file.toString());

      assertEquals(List.of(5), Migrations.migrate(pool, clock));
      TaskStore upgraded = new TaskStore(pool, clock, new Random(3));
      BatchRecord read = upgraded.get(batch.id());
      assertArrayEquals(
          utf8("{\"v\":4}"), upgraded.readArtifact(read, ArtifactKind.BATCH_FILE).orElseThrow());
      upgraded.storeArtifact(
          batch.id(), ArtifactKind.CAIRO_INPUT, utf8("{\"v\":5}"), ArtifactRewrite.REFUSE);
      BatchRecord both = upgraded.get(batch.id());
      assertEquals(Optional.of(file.toString()), both.artifact(ArtifactKind.BATCH_FILE));
      assertArrayEquals(
          utf8("{\"v\":5}"), upgraded.readArtifact(both, ArtifactKind.CAIRO_INPUT).orElseThrow());
    }
  }

  @Test
  void aMegabyteArtifactRoundTrips() {
    BatchRecord batch = store.create(newBatch(), "test");
    byte[] content = new byte[1 << 20];
    new Random(7).nextBytes(content);
    store.storeArtifact(batch.id(), ArtifactKind.PIE, content, ArtifactRewrite.REFUSE);
    assertArrayEquals(
        content, store.readArtifact(store.get(batch.id()), ArtifactKind.PIE).orElseThrow());
  }

  @Test
  void nodesStoringTheSameArtifactAtOnceBothSucceed() throws Exception {
    BatchRecord batch = store.create(newBatch(), "test");
    byte[] content = utf8("{\"same\":\"content\"}");
    int workers = 4;
    CyclicBarrier start = new CyclicBarrier(workers);
    ExecutorService threads = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Callable<Void> storing =
            () -> {
              start.await(10, TimeUnit.SECONDS);
              store.storeArtifact(
                  batch.id(), ArtifactKind.BATCH_FILE, content, ArtifactRewrite.REFUSE);
              return null;
            };
        done.add(threads.submit(storing));
      }
      for (Future<Void> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertArrayEquals(
        content, store.readArtifact(store.get(batch.id()), ArtifactKind.BATCH_FILE).orElseThrow());
  }
}
