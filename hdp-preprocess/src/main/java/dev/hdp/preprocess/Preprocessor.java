package dev.hdp.preprocess;

import dev.hdp.cairo.crypto.Felt252;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.chain.Account;
import dev.hdp.core.chain.BlockHeader;
import dev.hdp.core.chain.ChainProofs;
import dev.hdp.core.chain.Receipt;
import dev.hdp.core.chain.Transaction;
import dev.hdp.core.compute.AggregationException;
import dev.hdp.core.compute.Aggregator;
import dev.hdp.core.json.BatchFile;
import dev.hdp.core.json.CairoInput;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.merkle.BatchTrees;
import dev.hdp.core.mmr.KeccakMmr;
import dev.hdp.core.mmr.Mmr;
import dev.hdp.core.mmr.MmrPeaks;
import dev.hdp.core.mmr.PoseidonMmr;
import dev.hdp.core.output.MmrMeta;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.task.BlockSampledDatalake;
import dev.hdp.core.task.BlockSampledProperty;
import dev.hdp.core.task.ChainId;
import dev.hdp.core.task.DatalakeComputeTask;
import dev.hdp.core.task.ModuleTask;
import dev.hdp.core.task.Task;
import dev.hdp.core.task.TransactionsInBlockDatalake;
import dev.hdp.core.task.TransactionsProperty;
import dev.hdp.preprocess.source.AccountProof;
import dev.hdp.preprocess.source.ChainDataException;
import dev.hdp.preprocess.source.ChainDataRequest;
import dev.hdp.preprocess.source.ChainDataSource;
import dev.hdp.preprocess.source.HeaderWithProof;
import dev.hdp.preprocess.source.StorageProof;
import dev.hdp.preprocess.source.TrieProof;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request into a batch: for every sampled item it fetches the raw data, verifies it (header
 * into its MMR root, account and storage into the header's state root, transactions and receipts
 * into the header's roots), extracts the value, aggregates each task, and builds the task and
 * result trees, the batch file and the Cairo input. A value is never used before its proof
 * verified.
 *
 * <p>Semantics follow HDP v0.6 (Gen2): block ranges include their end, transaction ranges exclude
 * it; every transaction index in range is proven and only the types {@code includedTypes} selects
 * contribute values. Unlike HDP, transaction types above 3 (EIP-7702) are decoded and filtered out
 * instead of crashing.
 *
 * <p>One instance processes one batch; it is not thread-safe.
 */
public final class Preprocessor {
  private final ChainDataSource source;
  private final ProgressListener progress;
  private final Map<String, BlockHeader> verifiedHeaders = new HashMap<>();
  private final Set<MmrMeta> usedMmrs = new LinkedHashSet<>();
  private final Map<MmrMeta, ProofResult<MmrPeaks<Felt252>>> poseidonPeaks = new HashMap<>();
  private final Map<MmrMeta, ProofResult<MmrPeaks<Bytes32>>> keccakPeaks = new HashMap<>();
  private CairoInput cairoInput;

  private final List<Runnable> cairoAdds = new ArrayList<>();

  public Preprocessor(ChainDataSource source, ProgressListener progress) {
    this.source = source;
    this.progress = progress;
  }

  /**
   * Preprocesses every task of the request.
   *
   * @throws PreprocessException naming the task, block, item and reason when anything fails
   */
  public PreprocessResult process(SubmitBatchQuery query) {
    List<DatalakeComputeTask> tasks = new ArrayList<>();
    for (int i = 0; i < query.tasks().size(); i++) {
      Task task = query.tasks().get(i);
      if (task instanceof ModuleTask) {
        throw new PreprocessException(
            "tasks[" + i + "]: module tasks (Cairo 1 programs) are not supported yet",
            (Throwable) null);
      }
      tasks.add((DatalakeComputeTask) task);
    }
    prefetch(tasks);
    List<Bytes32> commitments = new ArrayList<>();
    List<UInt256> results = new ArrayList<>();
    List<List<UInt256>> values = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      DatalakeComputeTask task = tasks.get(i);
      String where = "tasks[" + i + "]";
      List<UInt256> taskValues =
          switch (task.datalake()) {
            case BlockSampledDatalake d -> blockSampledValues(d, where, i, tasks.size());
            case TransactionsInBlockDatalake d -> transactionValues(d, where, i, tasks.size());
          };
      try {
        results.add(Aggregator.compute(task.computation(), taskValues));
      } catch (AggregationException | ArithmeticException e) {
        throw new PreprocessException(where + ": cannot aggregate: " + e.getMessage(), e);
      }
      commitments.add(task.commitment());
      values.add(taskValues);
    }
    BatchTrees trees = BatchTrees.of(commitments, results);
    List<MmrMeta> mmrs = List.copyOf(usedMmrs);
    List<Bytes32> resultCommitments = new ArrayList<>();
    List<List<Bytes32>> taskProofs = new ArrayList<>();
    List<List<Bytes32>> resultProofs = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      resultCommitments.add(BatchTrees.resultCommitment(commitments.get(i), results.get(i)));
      taskProofs.add(trees.tasks().proof(i));
      resultProofs.add(trees.results().proof(i));
    }
    BatchFile batch =
        new BatchFile(
            results,
            resultCommitments,
            commitments,
            taskProofs,
            resultProofs,
            trees.resultsRoot(),
            trees.tasksRoot(),
            mmrs);
    cairoInput = new CairoInput(trees.tasksRoot(), trees.resultsRoot(), mmrs);
    cairoAdds.forEach(Runnable::run);
    tasks.forEach(cairoInput::task);
    return new PreprocessResult(batch, cairoInput.toJson(), values);
  }

  /** Tells the source every item the tasks need, so that it can fetch them in batches. */
  private void prefetch(List<DatalakeComputeTask> tasks) {
    List<ChainDataRequest> requests = new ArrayList<>();
    for (DatalakeComputeTask task : tasks) {
      switch (task.datalake()) {
        case BlockSampledDatalake d -> {
          ChainId chain = d.chainId();
          for (long block : d.blockNumbers().toArray()) {
            requests.add(new ChainDataRequest.Header(chain, block));
            switch (d.sampledProperty()) {
              case BlockSampledProperty.Header h -> {}
              case BlockSampledProperty.Account a ->
                  requests.add(new ChainDataRequest.Account(chain, block, a.address()));
              case BlockSampledProperty.Storage s ->
                  requests.add(new ChainDataRequest.Storage(chain, block, s.address(), s.slot()));
            }
          }
        }
        case TransactionsInBlockDatalake d -> {
          ChainId chain = d.chainId();
          long block = d.targetBlock();
          requests.add(new ChainDataRequest.Header(chain, block));
          boolean receipts = d.sampledProperty() instanceof TransactionsProperty.Receipt;
          for (long index : d.indexes().toArray()) {
            requests.add(new ChainDataRequest.Transaction(chain, block, index));
            if (receipts) {
              requests.add(new ChainDataRequest.Receipt(chain, block, index));
            }
          }
        }
      }
    }
    try {
      source.prefetch(requests);
    } catch (ChainDataException e) {
      throw new PreprocessException("prefetching chain data: " + e.getMessage(), e);
    }
  }

  private List<UInt256> blockSampledValues(
      BlockSampledDatalake datalake, String where, int taskIndex, int taskCount) {
    ChainId chain = datalake.chainId();
    long total = datalake.sampleCount();
    List<UInt256> out = new ArrayList<>();
    long[] blocks = datalake.blockNumbers().toArray();
    for (long block : blocks) {
      String item = where + " block " + block;
      BlockHeader header = verifiedHeader(chain, block, item);
      UInt256 value =
          switch (datalake.sampledProperty()) {
            case BlockSampledProperty.Header h ->
                header
                    .value(h.field())
                    .orElseThrow(
                        () ->
                            new PreprocessException(
                                item
                                    + ": the header has no "
                                    + h.text()
                                    + " (fork "
                                    + header.fork()
                                    + ")",
                                (Throwable) null));
            case BlockSampledProperty.Account a ->
                verifiedAccount(chain, header, block, a.address(), item).value(a.field());
            case BlockSampledProperty.Storage s ->
                verifiedStorage(chain, header, block, s.address(), s.slot(), item);
          };
      out.add(value);
      progress.itemVerified(taskIndex, taskCount, out.size(), total);
    }
    return out;
  }

  private List<UInt256> transactionValues(
      TransactionsInBlockDatalake datalake, String where, int taskIndex, int taskCount) {
    ChainId chain = datalake.chainId();
    long block = datalake.targetBlock();
    BlockHeader header = verifiedHeader(chain, block, where + " block " + block);
    long[] indexes = datalake.indexes().toArray();
    List<UInt256> out = new ArrayList<>();
    long done = 0;
    for (long index : indexes) {
      String item = where + " block " + block + " transaction " + index;
      Transaction tx = verifiedTransaction(chain, header, block, index, item);
      UInt256 value =
          switch (datalake.sampledProperty()) {
            case TransactionsProperty.Transaction t -> tx.value(t.field()).orElse(null);
            case TransactionsProperty.Receipt r ->
                verifiedReceipt(chain, header, block, index, item).value(r.field());
          };
      if (datalake.includedTypes().includes(tx.type().id())) {
        if (value == null) {
          throw new PreprocessException(
              item
                  + ": a type-"
                  + tx.type().id()
                  + " transaction has no "
                  + datalake.sampledProperty().text(),
              (Throwable) null);
        }
        out.add(value);
      }
      progress.itemVerified(taskIndex, taskCount, ++done, indexes.length);
    }
    return out;
  }

  private BlockHeader verifiedHeader(ChainId chain, long block, String item) {
    String key = chain.value() + "/" + block;
    BlockHeader cached = verifiedHeaders.get(key);
    if (cached != null) {
      return cached;
    }
    HeaderWithProof fetched = fetch(() -> source.header(chain, block), item);
    MmrMeta mmr = fetched.mmr();
    if (!mmr.chainId().equals(chain)) {
      throw new PreprocessException(
          item + ": the header proof is for MMR " + mmr.id() + " of chain " + mmr.chainId(),
          (Throwable) null);
    }
    byte[] rlp = fetched.rlp();
    requireValid(
        inMmr(fetched, rlp),
        item
            + ": header not in MMR "
            + mmr.id()
            + " ("
            + fetched.hashing()
            + ", size "
            + mmr.size()
            + ")");
    BlockHeader header;
    try {
      header = BlockHeader.decode(rlp);
    } catch (RuntimeException e) {
      throw new PreprocessException(
          item + ": the proven header does not decode: " + e.getMessage(), e);
    }
    if (header.number() != block) {
      throw new PreprocessException(
          item + ": the source returned the header of block " + header.number(), (Throwable) null);
    }
    verifiedHeaders.put(key, header);
    usedMmrs.add(mmr);
    cairoAdds.add(
        () ->
            cairoInput.header(
                block, new CairoInput.Header(rlp, fetched.position(), fetched.path())));
    return header;
  }

  private Account verifiedAccount(
      ChainId chain, BlockHeader header, long block, Address address, String item) {
    AccountProof proof = fetch(() -> source.account(chain, block, address), item);
    return checkAccount(header, block, address, proof, item);
  }

  private Account checkAccount(
      BlockHeader header, long block, Address address, AccountProof proof, String item) {
    List<byte[]> nodes = proof.nodes();
    ProofResult<Optional<Account>> result = ChainProofs.verifyAccount(header, address, nodes);
    Account account = Account.orEmpty(requireValid(result, item + ": account " + address));
    cairoAdds.add(() -> cairoInput.account(address, new CairoInput.BlockProof(block, nodes)));
    return account;
  }

  private UInt256 verifiedStorage(
      ChainId chain, BlockHeader header, long block, Address address, Bytes32 slot, String item) {
    StorageProof proof = fetch(() -> source.storage(chain, block, address, slot), item);
    Account account = checkAccount(header, block, address, proof.account(), item);
    List<byte[]> nodes = proof.nodes();
    UInt256 value =
        requireValid(
            ChainProofs.verifyStorage(account.storageRoot(), slot, nodes),
            item + ": storage slot " + slot + " of " + address);
    cairoAdds.add(() -> cairoInput.storage(address, slot, new CairoInput.BlockProof(block, nodes)));
    return value;
  }

  private Transaction verifiedTransaction(
      ChainId chain, BlockHeader header, long block, long index, String item) {
    TrieProof proof = fetch(() -> source.transaction(chain, block, index), item);
    List<byte[]> nodes = proof.nodes();
    Optional<Transaction> tx =
        requireValid(ChainProofs.verifyTransaction(header, index, nodes), item);
    if (tx.isEmpty()) {
      throw new PreprocessException(
          item + ": the block has no transaction at this index (proven absent)", (Throwable) null);
    }
    byte[] key = ChainProofs.indexKey(index);
    cairoAdds.add(() -> cairoInput.transaction(key, new CairoInput.BlockProof(block, nodes)));
    return tx.get();
  }

  private Receipt verifiedReceipt(
      ChainId chain, BlockHeader header, long block, long index, String item) {
    TrieProof proof = fetch(() -> source.receipt(chain, block, index), item + " receipt");
    List<byte[]> nodes = proof.nodes();
    Optional<Receipt> receipt =
        requireValid(ChainProofs.verifyReceipt(header, index, nodes), item + " receipt");
    if (receipt.isEmpty()) {
      throw new PreprocessException(
          item + ": the block has no receipt at this index (proven absent)", (Throwable) null);
    }
    byte[] key = ChainProofs.indexKey(index);
    cairoAdds.add(() -> cairoInput.receipt(key, new CairoInput.BlockProof(block, nodes)));
    return receipt.get();
  }

  /**
   * The header's inclusion in its MMR, by the MMR's hashing. The peaks of an MMR state are checked
   * against its root once per batch (all headers of a batch usually share one state), then each
   * header only walks its path.
   */
  private ProofResult<?> inMmr(HeaderWithProof fetched, byte[] rlp) {
    MmrMeta mmr = fetched.mmr();
    return switch (fetched.hashing()) {
      case POSEIDON ->
          poseidonPeaks
              .computeIfAbsent(
                  mmr,
                  m ->
                      Mmr.checkPeaks(
                          PoseidonMmr.HASHER, m.size(), felts(m.peaks()), felt(m.root())))
              .flatMap(
                  peaks ->
                      PoseidonMmr.verifyHeader(
                          rlp, fetched.position(), felts(fetched.path()), peaks));
      case KECCAK ->
          keccakPeaks
              .computeIfAbsent(
                  mmr, m -> Mmr.checkPeaks(KeccakMmr.HASHER, m.size(), m.peaks(), m.root()))
              .flatMap(
                  peaks ->
                      Mmr.verifyPath(
                          KeccakMmr.HASHER,
                          peaks,
                          fetched.position(),
                          Keccak256.hash(rlp),
                          fetched.path()));
    };
  }

  private static <T> T requireValid(ProofResult<T> result, String what) {
    if (!result.isValid()) {
      throw new PreprocessException(
          what + ": proof does not verify: " + result.failure(), result.failure());
    }
    return result.value();
  }

  private static <T> T fetch(java.util.function.Supplier<T> fetch, String item) {
    try {
      return fetch.get();
    } catch (ChainDataException e) {
      throw new PreprocessException(item + ": " + e.getMessage(), e);
    }
  }

  private static List<Felt252> felts(List<Bytes32> words) {
    return words.stream().map(Preprocessor::felt).toList();
  }

  private static Felt252 felt(Bytes32 word) {
    return Felt252.fromBytesBE(word.toArray());
  }
}
