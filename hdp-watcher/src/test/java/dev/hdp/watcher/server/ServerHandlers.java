package dev.hdp.watcher.server;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.schedule.StageContext;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.ArtifactRewrite;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.ProverKind;
import dev.hdp.watcher.store.TaskRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage handlers standing in for the real pipeline: they write the request as the Cairo input, a
 * batch file naming the commitments, and a PIE placeholder, compute each result as the keccak of
 * the commitment, and pass the prover, fact and finalization stages at once. Tests can make
 * preprocessing fail once or wait until released.
 */
final class ServerHandlers {
  final Path folder;
  final AtomicBoolean failPreprocessOnce = new AtomicBoolean();
  final AtomicBoolean holdPreprocess = new AtomicBoolean();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger preprocessRuns = new AtomicInteger();

  ServerHandlers(Path folder) {
    this.folder = folder;
  }

  StageHandlers handlers() {
    return new StageHandlers(
        this::preprocess,
        this::runCairo,
        context -> {
          context.store().recordProver(context.batch().id(), ProverKind.DEV);
          return StageOutcome.done("dev prover: fact registered, UNPROVEN");
        },
        context -> StageOutcome.done("fact is valid"),
        context -> StageOutcome.done("results stored on-chain"),
        context -> {});
  }

  static Bytes32 resultOf(Bytes32 commitment) {
    return Keccak256.hash(commitment.toArray());
  }

  private StageOutcome preprocess(StageContext context) throws InterruptedException {
    preprocessRuns.incrementAndGet();
    BatchRecord batch = context.batch();
    if (failPreprocessOnce.compareAndSet(true, false)) {
      return StageOutcome.failed("the chain RPC answered 503 (simulated)");
    }
    if (holdPreprocess.get()) {
      while (!release.await(
          Duration.ofMillis(50).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (context.stop().isRaised()) {
          return StageOutcome.paused("node stopping");
        }
        if (context.store().get(batch.id()).stage() != batch.stage()) {
          return StageOutcome.paused("moved by someone else");
        }
      }
    }
    Path cairoInput = write(batch, "cairo-input.json", batch.requestJson());
    StringBuilder commitments = new StringBuilder("{\"tasksCommitments\":[");
    List<Bytes32> results = new ArrayList<>();
    for (TaskRecord task : batch.tasks()) {
      commitments
          .append(task.index() == 0 ? "" : ",")
          .append('"')
          .append(task.commitment())
          .append('"');
      results.add(resultOf(task.commitment()));
    }
    Path batchFile = write(batch, "batch.json", commitments.append("]}").toString());
    context.store().recordArtifact(batch.id(), ArtifactKind.CAIRO_INPUT, cairoInput.toString());
    context
        .store()
        .recordArtifact(batch.id(), ArtifactKind.BATCH_FILE, batchFile.toUri().toString());
    context.store().recordResults(batch.id(), results);
    return StageOutcome.done("preprocessed " + results.size() + " tasks");
  }

  private StageOutcome runCairo(StageContext context) {
    // The PIE goes into the database, as nodes store their artifacts; the other two stay files
    // (a path and a file: URI), as older nodes recorded them.
    context
        .store()
        .storeArtifact(
            context.batch().id(),
            ArtifactKind.PIE,
            ("PK fake pie of " + context.batch().id()).getBytes(StandardCharsets.UTF_8),
            ArtifactRewrite.REFUSE);
    return StageOutcome.done("pie stored");
  }

  private Path write(BatchRecord batch, String name, String text) {
    try {
      Path dir = Files.createDirectories(folder.resolve(batch.id().value()));
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
