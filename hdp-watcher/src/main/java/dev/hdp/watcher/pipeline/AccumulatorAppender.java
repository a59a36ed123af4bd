package dev.hdp.watcher.pipeline;

import dev.hdp.watcher.chain.ChainAccessException;
import dev.hdp.watcher.chain.ContractReader;
import dev.hdp.watcher.chain.IntentSender;
import dev.hdp.watcher.schedule.AccumulatorHandler;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.IntentLog;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Keeps MMR {@code mmrId} of the {@code HeadersAccumulator} up with the chain: creates it if it
 * does not exist, and appends block hashes with {@code appendFromBlockhash} (only the last 256
 * blocks have a {@code blockhash()}, so the node must not fall further behind). Every append is an
 * intent ("append up to block N"), so a crash never appends twice what was appended once.
 */
public final class AccumulatorAppender implements AccumulatorHandler {
  private static final int BLOCKHASH_WINDOW = 256;

  private final ContractReader reader;
  private final IntentSender operator;
  private final long mmrId;
  private final long firstBlock;
  private final int threshold;

  public AccumulatorAppender(
      ContractReader reader, IntentSender operator, long mmrId, long firstBlock, int threshold) {
    this.reader = reader;
    this.operator = operator;
    this.mmrId = mmrId;
    this.firstBlock = firstBlock;
    this.threshold = threshold;
  }

  public long mmrId() {
    return mmrId;
  }

  @Override
  public void appendOnce(Context context) throws InterruptedException {
    ensureMmr(context.intents(), context.actor());
    ContractReader.MmrInfo info = reader.mmrInfo(mmrId);
    long head = reader.blockNumber();
    if (head - info.nextBlock() + 1 >= threshold) {
      appendUpTo(head, context.intents(), Optional.empty(), context.actor());
    }
  }

  /** Creates the MMR if the accumulator does not hold it yet. */
  public void ensureMmr(IntentLog intents, String actor) throws InterruptedException {
    if (reader.mmrCount() >= mmrId) {
      return;
    }
    if (reader.mmrCount() != mmrId - 1) {
      throw new ChainAccessException(
          "the accumulator has "
              + reader.mmrCount()
              + " MMRs; MMR "
              + mmrId
              + " cannot be created next");
    }
    operator.ensure(
        intents,
        "accumulator-create",
        reader.contracts().headersAccumulator() + ":" + mmrId,
        Optional.empty(),
        actor,
        () -> reader.mmrCount() >= mmrId,
        reader.contracts().headersAccumulator(),
        encode("createMmr", new Uint256(BigInteger.valueOf(firstBlock))));
  }

  /**
   * Makes sure block {@code block} is in the MMR, appending every block up to the current head when
   * it is not.
   *
   * @return false when {@code block} is not mined yet
   */
  public boolean ensureAppended(
      long block, IntentLog intents, Optional<BatchId> batch, String actor)
      throws InterruptedException {
    ensureMmr(intents, actor);
    if (reader.mmrInfo(mmrId).nextBlock() > block) {
      return true;
    }
    long head = reader.blockNumber();
    if (block > head) {
      return false;
    }
    appendUpTo(head, intents, batch, actor);
    return true;
  }

  private void appendUpTo(long to, IntentLog intents, Optional<BatchId> batch, String actor)
      throws InterruptedException {
    long next = reader.mmrInfo(mmrId).nextBlock();
    if (next > to) {
      return;
    }
    // The transaction is mined in block head + 1, whose blockhash() window starts at head - 255.
    if (to - next + 1 > BLOCKHASH_WINDOW) {
      throw new ChainAccessException(
          "MMR "
              + mmrId
              + " is "
              + (to - next + 1)
              + " blocks behind, beyond blockhash() (256); append from headers first");
    }
    long count = to - next + 1;
    operator.ensure(
        intents,
        "accumulator-append",
        reader.contracts().headersAccumulator() + ":" + mmrId + ":" + to,
        batch,
        actor,
        () -> reader.mmrInfo(mmrId).nextBlock() > to,
        reader.contracts().headersAccumulator(),
        encode(
            "appendFromBlockhash",
            new Uint256(BigInteger.valueOf(mmrId)),
            new Uint256(BigInteger.valueOf(count))));
  }

  static String encode(String name, Type<?>... arguments) {
    return FunctionEncoder.encode(new Function(name, List.of(arguments), List.of()));
  }
}
