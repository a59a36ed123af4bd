package dev.hdp.contracts.bench;

import dev.hdp.contracts.AbiArrays;
import dev.hdp.contracts.Gen2Encoding;
import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.DevFactsRegistry;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.contracts.generated.HeadersAccumulator;
import dev.hdp.fixtures.devchain.AnvilProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * Gas of the contracts' main transactions on Anvil (receipts' gasUsed, intrinsic gas included),
 * next to Herodotus' HdpExecutionStore (hdp-solidity dev, solc 0.8.28 viaIR, 20,000 runs, Anvil
 * 1.7.1). Finalization is measured for batches of 1, 8 and 64 scheduled tasks with full 32-byte
 * results; per task = (gas(n) − gas(0 tasks)) / n, the 0-task call being the fixed overhead.
 */
public final class GasBench {
  /** Herodotus' figures the issue quotes. */
  static final long HERODOTUS_REQUEST = 53_652;

  static final long HERODOTUS_FIXED = 36_482;
  static final Map<Integer, Long> HERODOTUS_PER_TASK = Map.of(1, 67_882L, 8, 40_810L, 64, 41_753L);
  static final int[] BATCH_SIZES = {1, 8, 64};

  private static final long SEPOLIA = 11_155_111;

  private GasBench() {}

  /**
   * What was measured.
   *
   * @param authenticateTotal gas of authenticateTaskExecution by batch size (0 = fixed overhead)
   * @param rootOnly64 gas of authenticateBatchRoots for a 64-task batch
   */
  public record Figures(
      long request,
      long requestTransactionsInBlock,
      long cacheMmrRoot,
      long append1,
      long append256,
      Map<Integer, Long> authenticateTotal,
      long rootOnly64) {
    public long fixed() {
      return authenticateTotal.get(0);
    }

    /** (gas(n) − gas(0)) / n. */
    public long perTask(int n) {
      return (authenticateTotal.get(n) - fixed()) / n;
    }

    /** Root-only finalization of 64 tasks, all of its gas spread over the tasks. */
    public long rootOnlyPerTask() {
      return rootOnly64 / 64;
    }
  }

  /**
   * Measures on the (Anvil) node at {@code rpcUrl}, deploying fresh contracts with {@code key}.
   * Mines blocks with {@code anvil_mine}.
   */
  public static Figures measure(String rpcUrl, Credentials key) throws Exception {
    HttpService service = new HttpService(rpcUrl);
    Web3j web3j = Web3j.build(service);
    try {
      return measure(web3j, service, key);
    } finally {
      web3j.shutdown();
    }
  }

  private static Figures measure(Web3j web3j, HttpService service, Credentials key)
      throws Exception {
    TransactionManager tx = Deployer.transactionManager(web3j, key);
    ContractGasProvider gas = Deployer.gasProvider(web3j);
    byte[] programHash = Hash.sha3("hdp gas bench program".getBytes(StandardCharsets.UTF_8));
    DeployedContracts deployed =
        Deployer.deployDevelopment(web3j, tx, Deployer.Roles.all(key.getAddress(), programHash));
    HdpExecutionStore store = HdpExecutionStore.load(deployed.hdpExecutionStore(), web3j, tx, gas);
    HeadersAccumulator accumulator =
        HeadersAccumulator.load(deployed.headersAccumulator(), web3j, tx, gas);
    DevFactsRegistry registry = DevFactsRegistry.load(deployed.factsRegistry(), web3j, tx, gas);
    long chainId = deployed.chainId();

    long request =
        store
            .requestExecutionOfTaskWithBlockSampledDatalake(
                blockSampled(5_858_987, 5_858_997, 2, "0112"), countGreaterThan(10_000_000))
            .send()
            .getGasUsed()
            .longValueExact();
    long requestTx =
        store
            .requestExecutionOfTaskWithTransactionsInBlockDatalake(
                new HdpExecutionStore.TransactionsInBlockDatalake(
                    new Uint256(SEPOLIA),
                    new Uint256(5_409_986),
                    new Uint256(10),
                    new Uint256(40),
                    new Uint256(10),
                    new Uint256(0x01010101),
                    new DynamicBytes(Numeric.hexStringToByteArray("0200"))),
                countGreaterThan(1_000_000_000_000_000_000L))
            .send()
            .getGasUsed()
            .longValueExact();

    // MMRs: enough history for blockhash(), then one block and 256 blocks appended.
    mine(service, 300);
    long latest = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    accumulator.createMmr(BigInteger.valueOf(latest - 10)).send();
    long append1 =
        accumulator
            .appendFromBlockhash(BigInteger.ONE, BigInteger.ONE)
            .send()
            .getGasUsed()
            .longValueExact();
    latest = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    // created in block latest+1, appended in latest+2: reach is latest-254 … latest+1
    accumulator.createMmr(BigInteger.valueOf(latest - 254)).send();
    long append256 =
        accumulator
            .appendFromBlockhash(BigInteger.TWO, BigInteger.valueOf(256))
            .send()
            .getGasUsed()
            .longValueExact();
    TransactionReceipt cache = store.cacheMmrRoot(new Uint256(2)).send();
    long cacheGas = cache.getGasUsed().longValueExact();
    var root = accumulator.latestRoot(BigInteger.TWO).send();
    long mmrSize = root.component1().longValueExact();
    byte[] mmrRoot = root.component2();

    Map<Integer, Long> totals = new LinkedHashMap<>();
    int salt = 0;
    for (int n : new int[] {0, 1, 8, 64}) {
      BenchBatch batch = scheduledBatch(store, chainId, Math.max(n, 1), salt++, n > 0);
      registry.markValid(fact(programHash, batch, 2, mmrSize, chainId, mmrRoot)).send();
      TransactionReceipt receipt = authenticate(store, batch, n, 2, mmrSize).send();
      totals.put(n, receipt.getGasUsed().longValueExact());
    }
    BenchBatch rootOnly = scheduledBatch(store, chainId, 64, salt, true);
    registry.markValid(fact(programHash, rootOnly, 2, mmrSize, chainId, mmrRoot)).send();
    long rootOnlyGas =
        store
            .authenticateBatchRoots(
                uints(2),
                uints(mmrSize),
                new Uint256(BenchBatch.low(rootOnly.tasksRoot())),
                new Uint256(BenchBatch.high(rootOnly.tasksRoot())),
                new Uint256(BenchBatch.low(rootOnly.resultsRoot())),
                new Uint256(BenchBatch.high(rootOnly.resultsRoot())))
            .send()
            .getGasUsed()
            .longValueExact();
    return new Figures(request, requestTx, cacheGas, append1, append256, totals, rootOnlyGas);
  }

  private static HdpExecutionStore.BlockSampledDatalake blockSampled(
      long start, long end, long increment, String propertyHex) {
    return new HdpExecutionStore.BlockSampledDatalake(
        new Uint256(SEPOLIA),
        new Uint256(start),
        new Uint256(end),
        new Uint256(increment),
        new DynamicBytes(Numeric.hexStringToByteArray(propertyHex)));
  }

  private static HdpExecutionStore.ComputationalTask countGreaterThan(long value) {
    return new HdpExecutionStore.ComputationalTask(new Uint8(4), new Uint8(3), new Uint256(value));
  }

  /** Schedules n tasks on-chain (when asked) and returns them as a batch with full results. */
  private static BenchBatch scheduledBatch(
      HdpExecutionStore store, long chainId, int n, int salt, boolean schedule) throws Exception {
    List<byte[]> commitments = new ArrayList<>();
    List<byte[]> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = 1_000_000L * (salt + 1) + i;
      HdpExecutionStore.BlockSampledDatalake datalake = blockSampled(start, start + 10, 1, "010f");
      HdpExecutionStore.ComputationalTask task = countGreaterThan(7);
      if (schedule) store.requestExecutionOfTaskWithBlockSampledDatalake(datalake, task).send();
      commitments.add(taskCommitment(datalake, task));
      results.add(Hash.sha3(("result " + salt + " " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return BenchBatch.of(commitments, results);
  }

  /** keccak(abi.encode(keccak(abi.encode(0, chainId, start, end, inc, prop)), fn, op, value)). */
  @SuppressWarnings("rawtypes") // web3j's FunctionEncoder takes a List of raw Type
  static byte[] taskCommitment(
      HdpExecutionStore.BlockSampledDatalake d, HdpExecutionStore.ComputationalTask t) {
    byte[] datalakeCommitment = Hash.sha3(Gen2Encoding.encoded(d));
    List<Type> taskWords =
        List.of(new Bytes32(datalakeCommitment), t.aggregateFnId, t.operatorId, t.valueToCompare);
    return Hash.sha3(Gen2Encoding.encode(taskWords));
  }

  /** keccak(programHash ‖ keccak(Gen2 output words)) for one MMR. */
  static byte[] fact(
      byte[] programHash,
      BenchBatch batch,
      long mmrId,
      long mmrSize,
      long chainId,
      byte[] mmrRoot) {
    BigInteger[] words = {
      BenchBatch.low(batch.resultsRoot()),
      BenchBatch.high(batch.resultsRoot()),
      BenchBatch.low(batch.tasksRoot()),
      BenchBatch.high(batch.tasksRoot()),
      BigInteger.valueOf(mmrId),
      BigInteger.valueOf(mmrSize),
      BigInteger.valueOf(chainId),
      new BigInteger(1, mmrRoot)
    };
    byte[] output = new byte[32 * words.length];
    for (int i = 0; i < words.length; i++) {
      System.arraycopy(Numeric.toBytesPadded(words[i], 32), 0, output, 32 * i, 32);
    }
    return Hash.sha3(BenchBatch.concat(programHash, Hash.sha3(output)));
  }

  /** The authenticateTaskExecution call for the first {@code count} tasks of {@code batch}. */
  static org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> authenticate(
      HdpExecutionStore store, BenchBatch batch, int count, long mmrId, long mmrSize) {
    return store.authenticateTaskExecution(
        uints(mmrId),
        uints(mmrSize),
        new Uint256(BenchBatch.low(batch.tasksRoot())),
        new Uint256(BenchBatch.high(batch.tasksRoot())),
        new Uint256(BenchBatch.low(batch.resultsRoot())),
        new Uint256(BenchBatch.high(batch.resultsRoot())),
        proofs(batch.taskProofs().subList(0, count)),
        proofs(batch.resultProofs().subList(0, count)),
        words(batch.commitments().subList(0, count)),
        words(batch.results().subList(0, count)));
  }

  static DynamicArray<Uint256> uints(long... values) {
    return AbiArrays.uint256Array(
        java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList());
  }

  static DynamicArray<Bytes32> words(List<byte[]> values) {
    return AbiArrays.bytes32Array(values);
  }

  static DynamicArray<DynamicArray<Bytes32>> proofs(List<List<byte[]>> proofs) {
    return AbiArrays.bytes32Matrix(proofs);
  }

  private static void mine(HttpService service, int blocks) throws IOException {
    var response =
        new org.web3j.protocol.core.Request<>(
                "anvil_mine",
                List.of("0x" + Integer.toHexString(blocks)),
                service,
                org.web3j.protocol.core.methods.response.VoidResponse.class)
            .send();
    if (response.hasError()) throw new IOException(response.getError().getMessage());
  }

  /** Prints the figures next to Herodotus' as a table. */
  public static void print(Figures f, PrintStream out) {
    out.println("Gas on Anvil (receipt gasUsed), ours vs Herodotus' HdpExecutionStore");
    out.printf("%-58s %12s %12s %8s%n", "operation", "Herodotus", "ours", "ratio");
    row(out, "requestExecutionOfTaskWithBlockSampledDatalake", HERODOTUS_REQUEST, f.request());
    row(
        out,
        "requestExecutionOfTaskWithTransactionsInBlockDatalake",
        -1,
        f.requestTransactionsInBlock());
    row(out, "cacheMmrRoot", -1, f.cacheMmrRoot());
    row(out, "HeadersAccumulator append 1 block (blockhash)", -1, f.append1());
    row(out, "HeadersAccumulator append 256 blocks (blockhash)", -1, f.append256());
    row(out, "authenticateTaskExecution fixed overhead (0 tasks)", HERODOTUS_FIXED, f.fixed());
    for (int n : BATCH_SIZES) {
      row(
          out,
          "authenticateTaskExecution per task, batch of " + n,
          HERODOTUS_PER_TASK.get(n),
          f.perTask(n));
    }
    for (int n : BATCH_SIZES) {
      row(out, "authenticateTaskExecution total, batch of " + n, -1, f.authenticateTotal().get(n));
    }
    row(out, "authenticateBatchRoots (root only), batch of 64, total", -1, f.rootOnly64());
    row(
        out,
        "authenticateBatchRoots per task, batch of 64 (total / 64)",
        HERODOTUS_PER_TASK.get(64),
        f.rootOnlyPerTask());
  }

  private static void row(PrintStream out, String what, long theirs, long ours) {
    if (theirs < 0) {
      out.printf("%-58s %12s %,12d %8s%n", what, "-", ours, "");
    } else {
      out.printf("%-58s %,12d %,12d %7.1f%%%n", what, theirs, ours, 100.0 * ours / theirs);
    }
  }

  /** Starts the pinned Anvil from the tools folder, measures, prints, stops Anvil. */
  public static void run(PrintStream out) throws Exception {
    try (AnvilProcess anvil = AnvilProcess.start(new AnvilProcess.Options(64, 1, 0))) {
      print(measure(anvil.rpcUrl(), Credentials.create(anvil.privateKeys().get(0))), out);
    }
  }

  /** {@code GasBench} alone, or {@code GasBench --rpc URL --private-key 0x…} for a running node. */
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("--rpc") && args[2].equals("--private-key")) {
      print(measure(args[1], Credentials.create(args[3])), System.out);
    } else {
      run(System.out);
    }
  }
}
