package dev.hdp.watcher.pipeline;

import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.core.abi.AbiWriter;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.Computation;
import dev.hdp.core.task.Datalake;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.Task;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import dev.hdp.watcher.chain.ChainAccessException;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchSource;
import dev.hdp.watcher.store.ChainEvents;
import dev.hdp.watcher.store.EventsAlreadyRecordedException;
import dev.hdp.watcher.store.NewBatch;
import dev.hdp.watcher.store.ProverKind;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the {@code TaskWith…DatalakeScheduled} events of the {@code HdpExecutionStore}.
 *
 * <p>Each poll reads the logs of the blocks after the durable cursor up to {@code head −
 * confirmations}. Before a poll it checks that the cursor's block still has the hash it had; if not
 * (a reorg), it rewinds {@link #REWIND} blocks and reads them again. An event becomes a task only
 * if its block is still canonical, its datalake and computation, re-encoded with hdp-core, give a
 * commitment the contract reports as SCHEDULED, and no live batch holds that commitment already.
 * The accepted events of one poll form one batch; the batch, the events (accepted or skipped, with
 * why) and the new cursor are written in one transaction, so a restart resumes where the last poll
 * stopped and never processes an event twice.
 */
public final class EventWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(EventWatcher.class);

  /** How far back a detected reorg makes the watcher read again. */
  static final int REWIND = 64;

  private static final String BLOCK_SAMPLED_TOPIC =
      EventEncoder.encode(HdpExecutionStore.TASKWITHBLOCKSAMPLEDDATALAKESCHEDULED_EVENT);
  private static final String TRANSACTIONS_TOPIC =
      EventEncoder.encode(HdpExecutionStore.TASKWITHTRANSACTIONSINBLOCKDATALAKESCHEDULED_EVENT);

  /** What one poll did. */
  public record Poll(
      long fromBlock, long toBlock, int events, int accepted, Optional<BatchId> batch) {}

  private final ContractReader reader;
  private final ChainEvents events;
  private final String cursorName;
  private final long startBlock;
  private final int confirmations;
  private final int maxBlocks;
  private final String actor;
  private final Consumer<BatchId> onBatch;

  /**
   * @param startBlock the first block to read when there is no cursor yet
   * @param onBatch called with every new batch (to plan its first job)
   */
  public EventWatcher(
      ContractReader reader,
      ChainEvents events,
      long startBlock,
      int confirmations,
      int maxBlocks,
      String actor,
      Consumer<BatchId> onBatch) {
    this.reader = reader;
    this.events = events;
    this.cursorName =
        "requests:"
            + reader.contracts().chainId()
            + ":"
            + reader.contracts().hdpExecutionStore().toLowerCase(java.util.Locale.ROOT);
    this.startBlock = startBlock;
    this.confirmations = confirmations;
    this.maxBlocks = maxBlocks;
    this.actor = actor;
    this.onBatch = onBatch;
  }

  /**
   * Reads the next window of confirmed blocks, if any; empty when there is none, or when a
   * clustered node's watcher recorded it first.
   */
  public Optional<Poll> pollOnce() {
    long head = reader.blockNumber();
    long safe = head - confirmations;
    ChainEvents.Cursor cursor = events.cursor(cursorName).orElse(null);
    long from;
    if (cursor == null) {
      from = startBlock;
    } else {
      Optional<Bytes32> hash = reader.blockHash(cursor.block());
      if (hash.isEmpty() || !hash.get().equals(cursor.blockHash())) {
        from = Math.max(startBlock, cursor.block() - REWIND + 1);
        LOG.warn(
            "{}: block {} changed (reorg); reading again from block {}",
            actor,
            cursor.block(),
            from);
      } else {
        from = cursor.block() + 1;
      }
    }
    if (from > safe) {
      return Optional.empty();
    }
    long to = Math.min(safe, from + maxBlocks - 1);
    Bytes32 toHash =
        reader
            .blockHash(to)
            .orElseThrow(() -> new ChainAccessException("the node has no block " + to));
    List<Log> logs = logs(from, to);
    List<ChainEvents.SeenEvent> accepted = new ArrayList<>();
    List<ChainEvents.SeenEvent> skipped = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    Set<Bytes32> inThisBatch = new HashSet<>();
    for (Log log : logs) {
      Bytes32 txHash = Bytes32.fromHex(log.getTransactionHash());
      long logIndex = log.getLogIndex().longValueExact();
      if (log.isRemoved() || events.seen(txHash, logIndex)) {
        continue;
      }
      long block = log.getBlockNumber().longValueExact();
      Bytes32 blockHash = Bytes32.fromHex(log.getBlockHash());
      DatalakeComputeTask task;
      try {
        task = decode(log);
      } catch (RuntimeException e) {
        LOG.warn("{}: undecodable request event {}:{}: {}", actor, txHash, logIndex, e.toString());
        skipped.add(
            new ChainEvents.SeenEvent(
                txHash, logIndex, block, blockHash, Bytes32.ZERO, "undecodable: " + e));
        continue;
      }
      Bytes32 commitment = task.commitment();
      String refusal = refusal(commitment, block, blockHash, inThisBatch);
      ChainEvents.SeenEvent seen =
          new ChainEvents.SeenEvent(
              txHash,
              logIndex,
              block,
              blockHash,
              commitment,
              refusal == null ? "accepted" : refusal);
      if (refusal == null) {
        accepted.add(seen);
        tasks.add(task);
        inThisBatch.add(commitment);
      } else {
        LOG.info("{}: request {} skipped: {}", actor, commitment, refusal);
        skipped.add(seen);
      }
    }
    Optional<NewBatch> batch = Optional.empty();
    if (!accepted.isEmpty()) {
      ChainEvents.SeenEvent first = accepted.getFirst();
      SubmitBatchQuery query =
          new SubmitBatchQuery(
              new ChainId(BigInteger.valueOf(reader.contracts().chainId())), tasks);
      batch =
          Optional.of(
              new NewBatch(
                  new BatchSource.OnChain(first.txHash(), first.logIndex(), first.blockNumber()),
                  query.toJson(),
                  accepted.stream().map(ChainEvents.SeenEvent::commitment).toList(),
                  Optional.of(ProverKind.DEV)));
    }
    List<ChainEvents.SeenEvent> all = new ArrayList<>(accepted);
    all.addAll(skipped);
    Optional<BatchId> id;
    try {
      id =
          events.advance(
              cursorName, new ChainEvents.Cursor(to, toHash), all, accepted.size(), batch, actor);
    } catch (EventsAlreadyRecordedException e) {
      // A clustered node's watcher was quicker; read on from where it left the cursor.
      LOG.debug("{}: {}", actor, e.getMessage());
      return Optional.empty();
    }
    if (id.isPresent()) {
      LOG.info(
          "{}: batch {} with {} tasks from blocks {}–{}",
          actor,
          id.get(),
          accepted.size(),
          from,
          to);
      onBatch.accept(id.get());
    }
    return Optional.of(new Poll(from, to, all.size(), accepted.size(), id));
  }

  /** Why an event is not accepted, or null when it is. */
  private String refusal(Bytes32 commitment, long block, Bytes32 blockHash, Set<Bytes32> batch) {
    Optional<Bytes32> canonical = reader.blockHash(block);
    if (canonical.isEmpty() || !canonical.get().equals(blockHash)) {
      return "block " + block + " is no longer canonical (reorg)";
    }
    ContractReader.TaskStatus status = reader.taskStatus(commitment);
    if (status != ContractReader.TaskStatus.SCHEDULED) {
      return "the contract reports the task " + status + ", not SCHEDULED";
    }
    if (batch.contains(commitment) || events.commitmentInFlight(commitment)) {
      return "a batch already holds this task";
    }
    return null;
  }

  private List<Log> logs(long from, long to) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            reader.contracts().hdpExecutionStore());
    filter.addOptionalTopics(BLOCK_SAMPLED_TOPIC, TRANSACTIONS_TOPIC);
    try {
      EthLog answer = reader.web3j().ethGetLogs(filter).send();
      if (answer.hasError()) {
        throw new ChainAccessException("eth_getLogs: " + answer.getError().getMessage());
      }
      List<Log> logs = new ArrayList<>();
      for (EthLog.LogResult<?> result : answer.getLogs()) {
        if (result instanceof EthLog.LogObject log) {
          logs.add(log.get());
        }
      }
      logs.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
      return logs;
    } catch (IOException e) {
      throw new ChainAccessException("eth_getLogs " + from + "–" + to + ": " + e.getMessage(), e);
    }
  }

  /** Decodes the event with the generated wrapper and rebuilds the task with hdp-core's codecs. */
  static DatalakeComputeTask decode(Log log) {
    String topic = log.getTopics().getFirst();
    Datalake datalake;
    HdpExecutionStore.ComputationalTask compute;
    if (topic.equalsIgnoreCase(BLOCK_SAMPLED_TOPIC)) {
      var event = HdpExecutionStore.getTaskWithBlockSampledDatalakeScheduledEventFromLog(log);
      var d = event.datalake;
      datalake =
          BlockSampledDatalake.decode(
              new AbiWriter()
                  .uint(0)
                  .uint(d.chainId.getValue())
                  .uint(d.blockRangeStart.getValue())
                  .uint(d.blockRangeEnd.getValue())
                  .uint(d.increment.getValue())
                  .bytes(d.sampledProperty.getValue())
                  .toByteArray());
      compute = event.task;
    } else if (topic.equalsIgnoreCase(TRANSACTIONS_TOPIC)) {
      var event =
          HdpExecutionStore.getTaskWithTransactionsInBlockDatalakeScheduledEventFromLog(log);
      var d = event.datalake;
      datalake =
          TransactionsInBlockDatalake.decode(
              new AbiWriter()
                  .uint(1)
                  .uint(d.chainId.getValue())
                  .uint(d.targetBlock.getValue())
                  .uint(d.startIndex.getValue())
                  .uint(d.endIndex.getValue())
                  .uint(d.increment.getValue())
                  .uint(d.includedTypes.getValue())
                  .bytes(d.sampledProperty.getValue())
                  .toByteArray());
      compute = event.task;
    } else {
      throw new IllegalArgumentException("not a request event: topic " + topic);
    }
    Computation computation =
        Computation.decode(
            new AbiWriter()
                .uint(compute.aggregateFnId.getValue())
                .uint(compute.operatorId.getValue())
                .uint(compute.valueToCompare.getValue())
                .toByteArray());
    return new DatalakeComputeTask(datalake, computation);
  }
}
