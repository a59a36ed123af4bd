package dev.hdp.watcher.pipeline;

import dev.hdp.contracts.AbiArrays;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.json.BatchFile;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.output.ProgramOutput;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.Task;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import dev.hdp.preprocess.PreprocessException;
import dev.hdp.preprocess.PreprocessResult;
import dev.hdp.preprocess.Preprocessor;
import dev.hdp.preprocess.ProgressListener;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.ChainDataSource;
import dev.hdp.watcher.chain.ChainAccessException;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.IntentSender;
import dev.hdp.watcher.chain.TaskRequester;
import dev.hdp.watcher.schedule.StageContext;
import dev.hdp.watcher.schedule.StageHandlers;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.TaskRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The stage handlers of a node on a chain with our contracts:
 *
 * <ul>
 *   <li>preprocess: makes sure the accumulator holds the tasks' blocks, then runs the {@link
 *       Preprocessor} on the chain data source, writing the batch file and the Cairo input;
 *   <li>run Cairo: until the HDP Cairo program exists, writes the program output the preprocessor
 *       computed (UNPROVEN: no Cairo run);
 *   <li>prove: hands the fact to the {@link Prover};
 *   <li>fact check: {@code isValid(fact)} on the facts registry;
 *   <li>finalize: {@code cacheMmrRootAt} for each MMR whose root the store lacks, then {@code
 *       authenticateTaskExecution}; the results are read back and compared with the batch's.
 * </ul>
 *
 * Every transaction goes through the intent log, so a re-run after a crash sends nothing twice.
 */
public final class PipelineStages {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineStages.class);
  private static final Duration RETRY = Duration.ofMillis(500);
  private static final int CHAIN_DATA_ATTEMPTS = 20;

  private final ContractReader reader;
  private final IntentSender operator;
  private final Prover prover;
  private final AccumulatorAppender appender;
  private final Supplier<ChainDataSource> sources;
  private final BatchFiles files;
  private final Bytes32 programHash;
  private final boolean scheduleHttpBatchesOnChain;

  public PipelineStages(
      ContractReader reader,
      IntentSender operator,
      Prover prover,
      AccumulatorAppender appender,
      Supplier<ChainDataSource> sources,
      BatchFiles files,
      boolean scheduleHttpBatchesOnChain) {
    this.scheduleHttpBatchesOnChain = scheduleHttpBatchesOnChain;
    this.reader = reader;
    this.operator = operator;
    this.prover = prover;
    this.appender = appender;
    this.sources = sources;
    this.files = files;
    this.programHash = Bytes32.fromHex(reader.contracts().programHash());
  }

  public StageHandlers handlers() {
    return new StageHandlers(
        this::preprocess,
        this::runCairo,
        this::prove,
        this::checkFact,
        this::finalizeBatch,
        appender);
  }

  public Bytes32 programHash() {
    return programHash;
  }

  // ------------------------------------------------------------------ preprocess

  StageOutcome preprocess(StageContext context) throws InterruptedException {
    BatchRecord batch = context.batch();
    SubmitBatchQuery query = SubmitBatchQuery.parse(batch.requestJson());
    long lastBlock = lastBlock(query.tasks());
    try {
      if (scheduleHttpBatchesOnChain && batch.source() instanceof BatchSource.Http) {
        scheduleOnChain(query, context);
      }
      if (!appender.ensureAppended(
          lastBlock, context.intents(), Optional.of(batch.id()), context.actor())) {
        return StageOutcome.notYet(RETRY, "block " + lastBlock + " is not mined yet");
      }
      PreprocessResult result =
          new Preprocessor(sources.get(), ProgressListener.NONE).process(query);
      String batchJson = result.batch().toJson();
      String cairoInputJson = result.cairoInputJson();
      // The database holds the artifacts, so that any node can run the next stages; they land
      // with the results in one transaction. A re-run recomputes them all and replaces them.
      Map<ArtifactKind, byte[]> artifacts = new EnumMap<>(ArtifactKind.class);
      artifacts.put(ArtifactKind.BATCH_FILE, batchJson.getBytes(StandardCharsets.UTF_8));
      artifacts.put(ArtifactKind.CAIRO_INPUT, cairoInputJson.getBytes(StandardCharsets.UTF_8));
      context
          .store()
          .recordPreprocessed(
              batch.id(),
              artifacts,
              result.batch().rawResults().stream().map(UInt256::toBytes32).toList());
      files.writeCopy(batch.id(), "batch.json", batchJson);
      files.writeCopy(batch.id(), "cairo-input.json", cairoInputJson);
      return StageOutcome.done(
          "preprocessed "
              + query.tasks().size()
              + " tasks, "
              + result.values().stream().mapToInt(List::size).sum()
              + " verified values");
    } catch (PreprocessException e) {
      if (e.getCause() instanceof ChainDataException && context.run() < CHAIN_DATA_ATTEMPTS) {
        return StageOutcome.notYet(RETRY, "chain data not available yet: " + e.getMessage());
      }
      return StageOutcome.failed(e.getMessage());
    } catch (ChainDataException | ChainAccessException e) {
      if (context.run() < CHAIN_DATA_ATTEMPTS) {
        return StageOutcome.notYet(RETRY, e.getMessage());
      }
      return StageOutcome.failed(e.getMessage());
    }
  }

  /**
   * Requests a posted batch's tasks on-chain (so that their commitments are SCHEDULED and the
   * events tell other watchers), once each through the intent log; a task already scheduled or
   * finalized is skipped. Our own watcher then sees the events but leaves them to this batch, which
   * already holds the commitments.
   */
  private void scheduleOnChain(SubmitBatchQuery query, StageContext context)
      throws InterruptedException {
    String store = reader.contracts().hdpExecutionStore();
    for (Task task : query.tasks()) {
      if (task instanceof DatalakeComputeTask compute) {
        Bytes32 commitment = compute.commitment();
        operator.ensure(
            context.intents(),
            "request-task",
            commitment.toHex(),
            Optional.of(context.batch().id()),
            context.actor(),
            () -> reader.taskStatus(commitment) != ContractReader.TaskStatus.NONE,
            store,
            TaskRequester.callData(reader.web3j(), store, compute));
      }
    }
  }

  private static long lastBlock(List<Task> tasks) {
    long last = 0;
    for (Task task : tasks) {
      if (task instanceof DatalakeComputeTask compute) {
        last =
            Math.max(
                last,
                switch (compute.datalake()) {
                  case BlockSampledDatalake d -> d.blockRangeEnd();
                  case TransactionsInBlockDatalake d -> d.targetBlock();
                });
      }
    }
    return last;
  }

  // ------------------------------------------------------------------ run Cairo (not yet)

  StageOutcome runCairo(StageContext context) {
    BatchRecord batch = context.batch();
    ProgramOutput output = BatchFiles.programOutput(BatchFiles.batchFile(context.store(), batch));
    files.writeCopy(
        batch.id(),
        "program-output.json",
        output.words().stream()
            .map(w -> "  \"" + w.toBytes32().toHex() + "\"")
            .collect(Collectors.joining(",\n", "[\n", "\n]\n")));
    LOG.warn(
        "{}: UNPROVEN: no Cairo run for {}; program output taken from the preprocessor",
        context.actor(),
        batch.id());
    return StageOutcome.done("UNPROVEN: program output from the preprocessor, no Cairo run");
  }

  // ------------------------------------------------------------------ prove and check

  StageOutcome prove(StageContext context) throws InterruptedException {
    BatchRecord batch = context.batch();
    if (batch.prover().isEmpty()) {
      context.store().recordProver(batch.id(), prover.kind());
    }
    ProgramOutput output = BatchFiles.programOutput(BatchFiles.batchFile(context.store(), batch));
    Bytes32 fact = output.fact(programHash);
    return prover.submit(new Prover.Job(output, programHash, fact, Optional.empty()), context);
  }

  StageOutcome checkFact(StageContext context) {
    Bytes32 fact = BatchFiles.fact(context.store(), context.batch(), programHash);
    if (reader.isValid(fact)) {
      return StageOutcome.done("fact " + fact + " is valid");
    }
    return StageOutcome.notYet(Duration.ZERO, "fact " + fact + " not valid yet");
  }

  // ------------------------------------------------------------------ finalize

  StageOutcome finalizeBatch(StageContext context) throws InterruptedException {
    BatchRecord batch = context.batch();
    BatchFile file = BatchFiles.batchFile(context.store(), batch);
    String store = reader.contracts().hdpExecutionStore();
    for (MmrMeta mmr : file.mmrMetas()) {
      operator.ensure(
          context.intents(),
          "cache-mmr-root",
          store + ":" + mmr.id() + ":" + mmr.size(),
          Optional.of(batch.id()),
          context.actor(),
          () -> !reader.cachedMmrRoot(mmr.id(), mmr.size()).equals(Bytes32.ZERO),
          store,
          AccumulatorAppender.encode(
              "cacheMmrRootAt",
              new Uint256(BigInteger.valueOf(mmr.id())),
              new Uint256(BigInteger.valueOf(mmr.size()))));
      Bytes32 cached = reader.cachedMmrRoot(mmr.id(), mmr.size());
      if (!cached.equals(mmr.root())) {
        return StageOutcome.failed(
            "MMR "
                + mmr.id()
                + " at size "
                + mmr.size()
                + " has root "
                + cached
                + " on-chain, the batch used "
                + mmr.root());
      }
    }
    List<Bytes32> commitments = file.tasksCommitments();
    operator.ensure(
        context.intents(),
        "authenticate-task-execution",
        batch.id().value(),
        Optional.of(batch.id()),
        context.actor(),
        () ->
            commitments.stream()
                .allMatch(c -> reader.taskStatus(c) == ContractReader.TaskStatus.FINALIZED),
        store,
        authenticateCall(file));
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < commitments.size(); i++) {
      Bytes32 expected = file.rawResults().get(i).toBytes32();
      Optional<Bytes32> onChain = reader.finalizedResult(commitments.get(i));
      if (onChain.isEmpty() || !onChain.get().equals(expected)) {
        wrong.add(
            "task "
                + i
                + ": on-chain "
                + onChain.map(Bytes32::toHex).orElse("not finalized")
                + ", batch "
                + expected);
      }
    }
    for (TaskRecord task : batch.tasks()) {
      if (!task.commitment().equals(commitments.get(task.index()))) {
        wrong.add("task " + task.index() + " commitment differs from the batch file");
      }
    }
    if (!wrong.isEmpty()) {
      return StageOutcome.failed("results read back differ: " + String.join("; ", wrong));
    }
    return StageOutcome.done(
        "finalized " + commitments.size() + " tasks; results read back equal the batch's");
  }

  static String authenticateCall(BatchFile file) {
    List<BigInteger> ids = file.mmrMetas().stream().map(m -> BigInteger.valueOf(m.id())).toList();
    List<BigInteger> sizes =
        file.mmrMetas().stream().map(m -> BigInteger.valueOf(m.size())).toList();
    return AccumulatorAppender.encode(
        "authenticateTaskExecution",
        AbiArrays.uint256Array(ids),
        AbiArrays.uint256Array(sizes),
        new Uint256(file.tasksRoot().low128()),
        new Uint256(file.tasksRoot().high128()),
        new Uint256(file.resultsRoot().low128()),
        new Uint256(file.resultsRoot().high128()),
        AbiArrays.bytes32Matrix(bytes(file.taskInclusionProofs())),
        AbiArrays.bytes32Matrix(bytes(file.resultsInclusionProofs())),
        AbiArrays.bytes32Array(file.tasksCommitments().stream().map(Bytes32::toArray).toList()),
        AbiArrays.bytes32Array(
            file.rawResults().stream().map(r -> r.toBytes32().toArray()).toList()));
  }

  private static List<List<byte[]>> bytes(List<List<Bytes32>> proofs) {
    return proofs.stream().map(p -> p.stream().map(Bytes32::toArray).toList()).toList();
  }
}
