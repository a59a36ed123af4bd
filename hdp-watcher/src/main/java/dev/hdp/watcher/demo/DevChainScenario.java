package dev.hdp.watcher.demo;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.compute.Aggregator;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.task.Task;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A development chain with history worth asking about, and tasks to ask with their expected results
 * recomputed from plain RPC reads ({@code eth_getBalance}, {@code eth_getStorageAt}, block and
 * receipt fields), independently of the preprocessor and its proofs.
 *
 * <p>Keys (Anvil's funded accounts): 0 deploys and administers, 1 is the operator, 2 the dev
 * prover, 3 the user who sends history and requests, 4 receives transfers.
 */
public final class DevChainScenario {
  /**
   * The program hash the dev deployment accepts until the HDP Cairo program exists: keccak256 of
   * "hdp-jvm dev program (no Cairo program yet; facts are UNPROVEN)", a fixed, documented constant.
   */
  public static final byte[] DEV_PROGRAM_HASH =
      Keccak256.hash(
              "hdp-jvm dev program (no Cairo program yet; facts are UNPROVEN)"
                  .getBytes(StandardCharsets.US_ASCII))
          .toArray();

  /**
   * A tiny contract: stores calldata word 1 at the slot in calldata word 0. Runtime {@code PUSH1 32
   * CALLDATALOAD PUSH1 0 CALLDATALOAD SSTORE STOP} behind an init code that copies and returns it.
   */
  private static final String STORE_INIT = "0x6009600c60003960096000f3" + "602035600035550000";

  private static final BigInteger GAS_PRICE = BigInteger.valueOf(3_000_000_000L);
  private static final BigInteger SLOT = BigInteger.ONE;

  /** One task with a human description and its independently recomputed result. */
  public record ScenarioTask(String kind, String description, Task task, UInt256 expected) {}

  private final String rpcUrl;
  private final Web3j web3j;
  private final List<Credentials> keys;
  private final long chainId;
  private long nonce;
  private String storeContract;
  private long historyStart;
  private long historyEnd;
  private long mixedBlock;
  private int mixedCount;

  public DevChainScenario(String rpcUrl, List<String> privateKeys) throws IOException {
    if (privateKeys.size() < 5) {
      throw new IllegalArgumentException("the scenario needs 5 funded keys");
    }
    this.rpcUrl = rpcUrl;
    this.web3j = Web3j.build(new HttpService(rpcUrl));
    this.keys = privateKeys.stream().map(Credentials::create).toList();
    this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  public Credentials admin() {
    return keys.get(0);
  }

  public Credentials operator() {
    return keys.get(1);
  }

  public Credentials devProver() {
    return keys.get(2);
  }

  public Credentials user() {
    return keys.get(3);
  }

  public String receiver() {
    return keys.get(4).getAddress();
  }

  public String storeContract() {
    return storeContract;
  }

  public long historyStart() {
    return historyStart;
  }

  public long historyEnd() {
    return historyEnd;
  }

  /** Deploys the three contracts with separate admin, operator and dev-prover keys. */
  public DeployedContracts deploy() throws Exception {
    return Deployer.deployDevelopment(
        web3j,
        Deployer.transactionManager(web3j, admin()),
        new Deployer.Roles(
            admin().getAddress(),
            operator().getAddress(),
            devProver().getAddress(),
            DEV_PROGRAM_HASH));
  }

  /**
   * Mines history with real state changes: a storage contract, then {@code rounds} rounds of an ETH
   * transfer (legacy) and a storage write (EIP-1559, every third one EIP-2930), then one block
   * holding legacy, EIP-2930 and EIP-1559 transactions together.
   */
  public void mineHistory(int rounds) throws Exception {
    nonce =
        web3j
            .ethGetTransactionCount(user().getAddress(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount()
            .longValueExact();
    TransactionReceipt created =
        await(
            send(
                RawTransaction.createContractTransaction(
                    next(), GAS_PRICE, BigInteger.valueOf(200_000), BigInteger.ZERO, STORE_INIT)));
    storeContract = created.getContractAddress();
    historyStart = blockNumber() + 1;
    String last = null;
    for (int i = 0; i < rounds; i++) {
      send(
          RawTransaction.createEtherTransaction(
              next(),
              GAS_PRICE,
              BigInteger.valueOf(21_000),
              receiver(),
              BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(1 + i % 7))));
      BigInteger value = BigInteger.valueOf(1000 + 37L * i);
      if (i % 3 == 2) {
        last =
            send(
                RawTransaction.createTransaction(
                    chainId,
                    next(),
                    GAS_PRICE,
                    BigInteger.valueOf(60_000),
                    storeContract,
                    BigInteger.ZERO,
                    storeCall(value),
                    List.of(
                        new AccessListObject(
                            storeContract,
                            List.of(Numeric.toHexStringWithPrefixZeroPadded(SLOT, 64))))));
      } else {
        last =
            send(
                RawTransaction.createTransaction(
                    chainId,
                    next(),
                    BigInteger.valueOf(60_000),
                    storeContract,
                    BigInteger.ZERO,
                    storeCall(value),
                    BigInteger.ONE,
                    GAS_PRICE));
      }
    }
    await(last);
    rpc("evm_setAutomine", false);
    send(
        RawTransaction.createEtherTransaction(
            next(), GAS_PRICE, BigInteger.valueOf(21_000), receiver(), BigInteger.TEN.pow(16)));
    send(
        RawTransaction.createTransaction(
            chainId,
            next(),
            GAS_PRICE,
            BigInteger.valueOf(80_000),
            storeContract,
            BigInteger.ZERO,
            storeCall(BigInteger.valueOf(424_242)),
            List.of()));
    last =
        send(
            RawTransaction.createTransaction(
                chainId,
                next(),
                BigInteger.valueOf(90_000),
                storeContract,
                BigInteger.ZERO,
                storeCall(BigInteger.valueOf(7)),
                BigInteger.ONE,
                GAS_PRICE));
    rpc("evm_mine");
    rpc("evm_setAutomine", true);
    mixedBlock = await(last).getBlockNumber().longValueExact();
    mixedCount = block(mixedBlock, false).getTransactions().size();
    historyEnd = mixedBlock;
  }

  /**
   * Tasks over the history, one of each kind (header, account, storage, transactions, receipts)
   * with each aggregate, and their results recomputed from plain RPC reads.
   */
  public List<ScenarioTask> tasks() throws IOException {
    long from = historyStart;
    long to = historyEnd;
    String user = user().getAddress().toLowerCase(Locale.ROOT);
    String receiver = receiver().toLowerCase(Locale.ROOT);
    String slot = Numeric.toHexStringWithPrefixZeroPadded(SLOT, 64);
    List<ScenarioTask> tasks = new ArrayList<>();
    List<UInt256> baseFees = new ArrayList<>();
    List<UInt256> balances = new ArrayList<>();
    List<UInt256> nonces = new ArrayList<>();
    List<UInt256> slots = new ArrayList<>();
    for (long b = from; b <= to; b++) {
      DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(b));
      baseFees.add(UInt256.of(block(b, false).getBaseFeePerGas()));
      balances.add(UInt256.of(web3j.ethGetBalance(receiver, at).send().getBalance()));
      nonces.add(UInt256.of(web3j.ethGetTransactionCount(user, at).send().getTransactionCount()));
      slots.add(
          UInt256.of(
              Numeric.toBigInt(web3j.ethGetStorageAt(storeContract, SLOT, at).send().getData())));
    }
    tasks.add(
        blockSampled(
            "header",
            "avg base fee, blocks " + from + "-" + to,
            from,
            to,
            "header.base_fee_per_gas",
            "avg",
            Aggregator.avg(baseFees)));
    tasks.add(
        blockSampled(
            "account",
            "max balance of the receiver",
            from,
            to,
            "account." + receiver + ".balance",
            "max",
            max(balances)));
    tasks.add(
        blockSampled(
            "account",
            "min nonce of the user",
            from,
            to,
            "account." + user + ".nonce",
            "min",
            min(nonces)));
    tasks.add(
        blockSampled(
            "storage",
            "sum of the stored value (slot 1)",
            from,
            to,
            "storage." + storeContract.toLowerCase(Locale.ROOT) + "." + slot,
            "sum",
            Aggregator.sum(slots)));
    List<UInt256> gasLimits = new ArrayList<>();
    List<UInt256> cumulative = new ArrayList<>();
    for (EthBlock.TransactionResult<?> result : block(mixedBlock, true).getTransactions()) {
      var tx = (EthBlock.TransactionObject) result.get();
      gasLimits.add(UInt256.of(tx.getGas()));
      cumulative.add(
          UInt256.of(
              web3j
                  .ethGetTransactionReceipt(tx.getHash())
                  .send()
                  .getTransactionReceipt()
                  .orElseThrow()
                  .getCumulativeGasUsed()));
    }
    long over =
        gasLimits.stream().filter(g -> g.value().compareTo(BigInteger.valueOf(50_000)) > 0).count();
    tasks.add(
        transactions(
            "transactions",
            "count of gas limits > 50000 in block " + mixedBlock,
            "tx.gas_limit",
            "\"count\", \"aggregateFnCtx\": {\"operator\": \"gt\", \"valueToCompare\": \"50000\"}",
            UInt256.of(over)));
    tasks.add(
        transactions(
            "receipts",
            "sum of cumulative gas used in block " + mixedBlock,
            "tx_receipt.cumulative_gas_used",
            "\"sum\"",
            Aggregator.sum(cumulative)));
    return tasks;
  }

  /**
   * An account task over {@code blocks} blocks ending at the history's end (the speed goal's
   * 100-block account task): the receiver's average balance.
   */
  public ScenarioTask accountTask(long blocks) throws IOException {
    long to = historyEnd;
    long from = Math.max(historyStart, to - blocks + 1);
    String receiver = receiver().toLowerCase(Locale.ROOT);
    List<UInt256> balances = new ArrayList<>();
    for (long b = from; b <= to; b++) {
      balances.add(
          UInt256.of(
              web3j
                  .ethGetBalance(receiver, DefaultBlockParameter.valueOf(BigInteger.valueOf(b)))
                  .send()
                  .getBalance()));
    }
    return blockSampled(
        "account",
        "avg balance over " + (to - from + 1) + " blocks",
        from,
        to,
        "account." + receiver + ".balance",
        "avg",
        Aggregator.avg(balances));
  }

  /**
   * The receiver's average balance over the {@code blocks} blocks ending at the current head (the
   * blocks must be within Anvil's kept history).
   */
  public ScenarioTask accountTaskEndingAtHead(long blocks) throws IOException {
    long to = blockNumber();
    long from = Math.max(1, to - blocks + 1);
    String receiver = receiver().toLowerCase(Locale.ROOT);
    List<UInt256> balances = new ArrayList<>();
    for (long b = from; b <= to; b++) {
      balances.add(
          UInt256.of(
              web3j
                  .ethGetBalance(receiver, DefaultBlockParameter.valueOf(BigInteger.valueOf(b)))
                  .send()
                  .getBalance()));
    }
    return blockSampled(
        "account",
        "avg balance, blocks " + from + "-" + to,
        from,
        to,
        "account." + receiver + ".balance",
        "avg",
        Aggregator.avg(balances));
  }

  private ScenarioTask blockSampled(
      String kind,
      String description,
      long from,
      long to,
      String property,
      String aggregate,
      UInt256 expected) {
    String json =
        "{\"destinationChainId\": "
            + chainId
            + ", \"tasks\": [{\"type\": \"DatalakeCompute\","
            + " \"datalake\": {\"type\": \"BlockSampled\", \"chainId\": "
            + chainId
            + ", \"blockRangeStart\": "
            + from
            + ", \"blockRangeEnd\": "
            + to
            + ", \"increment\": 1, \"sampledProperty\": \""
            + property
            + "\"},"
            + " \"compute\": {\"aggregateFnId\": \""
            + aggregate
            + "\"}}]}";
    return new ScenarioTask(
        kind,
        description + " (" + aggregate + ")",
        SubmitBatchQuery.parse(json).tasks().getFirst(),
        expected);
  }

  private ScenarioTask transactions(
      String kind, String description, String property, String compute, UInt256 expected) {
    String json =
        "{\"destinationChainId\": "
            + chainId
            + ", \"tasks\": [{\"type\": \"DatalakeCompute\","
            + " \"datalake\": {\"type\": \"TransactionsInBlock\", \"chainId\": "
            + chainId
            + ", \"targetBlock\": "
            + mixedBlock
            + ", \"startIndex\": 0, \"endIndex\": "
            + mixedCount
            + ", \"increment\": 1, \"includedTypes\": {\"legacy\": true, \"eip2930\": true,"
            + " \"eip1559\": true, \"eip4844\": true}, \"sampledProperty\": \""
            + property
            + "\"},"
            + " \"compute\": {\"aggregateFnId\": "
            + compute
            + "}}]}";
    return new ScenarioTask(
        kind, description, SubmitBatchQuery.parse(json).tasks().getFirst(), expected);
  }

  private static UInt256 max(List<UInt256> values) {
    return values.stream().max(UInt256::compareTo).orElseThrow();
  }

  private static UInt256 min(List<UInt256> values) {
    return values.stream().min(UInt256::compareTo).orElseThrow();
  }

  /** {@code evm_snapshot}: an id to {@link #revert} to. */
  public String snapshot() throws IOException {
    Response<?> response =
        new Request<>("evm_snapshot", List.of(), new HttpService(rpcUrl), AnyResponse.class).send();
    if (response.hasError()) {
      throw new IllegalStateException("evm_snapshot: " + response.getError().getMessage());
    }
    return String.valueOf(response.getResult());
  }

  /**
   * {@code evm_revert}: drops every block mined since the snapshot (a reorg, as seen by a node).
   */
  public void revert(String snapshot) throws IOException {
    rpc("evm_revert", snapshot);
    nonce =
        web3j
            .ethGetTransactionCount(user().getAddress(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount()
            .longValueExact();
  }

  /** Mines {@code blocks} empty blocks. */
  public void mine(int blocks) throws IOException {
    rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
  }

  public long blockNumber() throws IOException {
    return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  private EthBlock.Block block(long number, boolean full) throws IOException {
    return web3j
        .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), full)
        .send()
        .getBlock();
  }

  private BigInteger next() {
    return BigInteger.valueOf(nonce++);
  }

  private static String storeCall(BigInteger value) {
    return "0x"
        + Numeric.toHexStringNoPrefixZeroPadded(SLOT, 64)
        + Numeric.toHexStringNoPrefixZeroPadded(value, 64);
  }

  private String send(RawTransaction tx) throws IOException {
    byte[] signed =
        tx.getType().isLegacy()
            ? TransactionEncoder.signMessage(tx, chainId, user())
            : TransactionEncoder.signMessage(tx, user());
    var answer = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    if (answer.hasError()) {
      throw new IllegalStateException(
          "history transaction refused: " + answer.getError().getMessage());
    }
    return answer.getTransactionHash();
  }

  private TransactionReceipt await(String hash) throws Exception {
    for (int i = 0; i < 2000; i++) {
      Optional<TransactionReceipt> receipt =
          web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (receipt.isPresent()) {
        if (!receipt.get().isStatusOK()) {
          throw new IllegalStateException("history transaction " + hash + " reverted");
        }
        return receipt.get();
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no receipt for history transaction " + hash);
  }

  /** A response whose result is not read. */
  public static final class AnyResponse extends Response<Object> {}

  private void rpc(String method, Object... params) throws IOException {
    Response<?> response =
        new Request<>(method, List.of(params), new HttpService(rpcUrl), AnyResponse.class).send();
    if (response.hasError()) {
      throw new IllegalStateException(method + ": " + response.getError().getMessage());
    }
  }

  public void close() {
    web3j.shutdown();
  }
}
