package dev.hdp.watcher.node;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.watcher.schedule.AccumulatorHandler;
import dev.hdp.watcher.schedule.StageContext;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.ProverKind;
import dev.hdp.watcher.store.SendOnce;
import dev.hdp.watcher.store.SideEffect;
import dev.hdp.watcher.store.TaskRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handlers that do real, checkable work in place of the real modules: they write the artifacts to
 * files, compute results and a fact from them, and send the two on-chain effects (dev {@code
 * markValid}, {@code authenticateTaskExecution}) to a {@link FakeChain} through the intent-log
 * protocol. Tests can make a handler pause at a point (until the node stops or the test releases
 * it), die right after a broadcast, or throw.
 */
final class PipelineHandlers {
  final FakeChain chain;
  final Path artifacts;
  final Hold preprocessHold = new Hold();
  final Hold proveCrash = new Hold();
  final AtomicInteger cairoExplosions = new AtomicInteger();
  final AtomicInteger accumulatorRuns = new AtomicInteger();

  PipelineHandlers(FakeChain chain, Path artifacts) {
    this.chain = chain;
    this.artifacts = artifacts;
  }

  /** A point where a handler stops once, when armed; the test sees it arrive and lets it go. */
  static final class Hold {
    private final AtomicBoolean armed = new AtomicBoolean();
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    void arm() {
      armed.set(true);
    }

    boolean take() {
      return armed.compareAndSet(true, false);
    }

    boolean awaitReached() throws InterruptedException {
      return reached.await(20, TimeUnit.SECONDS);
    }
  }

  StageHandlers handlers() {
    return new StageHandlers(
        this::preprocess,
        this::runCairo,
        this::prove,
        this::checkFact,
        this::finalizeBatch,
        this::appendAccumulator);
  }

  private StageOutcome preprocess(StageContext context) throws InterruptedException {
    BatchRecord batch = context.batch();
    Path input = folder(batch).resolve("cairo-input.json");
    write(input, batch.requestJson() + "\n" + commitments(batch));
    context.store().recordArtifact(batch.id(), ArtifactKind.CAIRO_INPUT, input.toString());
    if (preprocessHold.take()) {
      preprocessHold.reached.countDown();
      while (!preprocessHold.release.await(10, TimeUnit.MILLISECONDS)) {
        if (context.stop().isRaised()) {
          return StageOutcome.paused("node stopping");
        }
      }
    }
    // The stand-in aggregate: each task's result is the keccak of its commitment.
    List<Bytes32> results = new ArrayList<>();
    for (TaskRecord task : batch.tasks()) {
      results.add(Keccak256.hash(task.commitment().toArray()));
    }
    context.store().recordResults(batch.id(), results);
    Path batchFile = folder(batch).resolve("batch.json");
    write(batchFile, commitments(batch) + "\n" + results);
    context.store().recordArtifact(batch.id(), ArtifactKind.BATCH_FILE, batchFile.toString());
    return StageOutcome.done("preprocessed " + results.size() + " tasks");
  }

  private StageOutcome runCairo(StageContext context) {
    BatchRecord batch = context.batch();
    if (batch.requestJson().contains("explode") && cairoExplosions.getAndIncrement() == 0) {
      throw new IllegalStateException("cairo exploded at pc 42");
    }
    Path batchFile = Path.of(batch.artifact(ArtifactKind.BATCH_FILE).orElseThrow());
    Path pie = folder(batch).resolve("pie.txt");
    write(pie, "PIE of " + Keccak256.hash(read(batchFile)).toHex());
    context.store().recordArtifact(batch.id(), ArtifactKind.PIE, pie.toString());
    return StageOutcome.done("PIE written");
  }

  static Bytes32 fact(BatchRecord batch) {
    return Keccak256.hash(read(Path.of(batch.artifact(ArtifactKind.PIE).orElseThrow())));
  }

  private StageOutcome prove(StageContext context) throws InterruptedException {
    BatchRecord batch = context.batch();
    if (batch.requestJson().contains("slow prover") && context.run() < 3) {
      return StageOutcome.notYet(Duration.ofMillis(100), "prover queue busy");
    }
    context.store().recordProver(batch.id(), ProverKind.DEV);
    Bytes32 fact = fact(batch);
    sendOnce(context, "markValid", "fact " + fact.toHex(), FakeChain.markValid(fact), proveCrash);
    return StageOutcome.done("dev fact " + fact.toHex() + " registered (UNPROVEN)");
  }

  private StageOutcome checkFact(StageContext context) {
    return chain.applied(FakeChain.markValid(fact(context.batch())))
        ? StageOutcome.done("fact is valid")
        : StageOutcome.notYet(Duration.ZERO, "fact not valid yet");
  }

  private StageOutcome finalizeBatch(StageContext context) throws InterruptedException {
    String batch = context.batch().id().value();
    sendOnce(
        context,
        "authenticateTaskExecution",
        "batch " + batch,
        FakeChain.authenticate(batch),
        new Hold());
    return StageOutcome.done("results authenticated on-chain");
  }

  private void appendAccumulator(AccumulatorHandler.Context context) {
    accumulatorRuns.incrementAndGet();
  }

  /**
   * Sends an effect to the fake chain through {@link SendOnce}; when {@code crash} is armed the
   * worker dies right after the broadcast, before anything is recorded about it.
   */
  private void sendOnce(
      StageContext context, String kind, String subject, String effect, Hold crash)
      throws InterruptedException {
    SideEffect onChain =
        new SideEffect() {
          @Override
          public boolean applied() {
            return chain.applied(effect);
          }

          @Override
          public Signed sign() {
            return new Signed(chain.sign(effect), effect);
          }

          @Override
          public void send(Signed transaction) {
            chain.broadcast(transaction.hash(), transaction.raw());
            if (crash.take()) {
              crash.reached.countDown();
              try {
                crash.release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IllegalStateException("this worker died after the broadcast");
            }
          }

          @Override
          public Status status(Bytes32 txHash) {
            return chain.mined(txHash) ? Status.MINED : Status.UNKNOWN;
          }
        };
    SendOnce.Result result =
        SendOnce.run(
            context.intents(),
            kind,
            subject,
            Optional.of(context.batch().id()),
            context.actor(),
            onChain);
    if (!(result instanceof SendOnce.Done)) {
      throw new IllegalStateException(kind + " did not take effect: " + result);
    }
  }

  private Path folder(BatchRecord batch) {
    Path folder = artifacts.resolve(batch.id().value());
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  private static String commitments(BatchRecord batch) {
    return batch.tasks().stream().map(t -> t.commitment().toHex()).toList().toString();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
