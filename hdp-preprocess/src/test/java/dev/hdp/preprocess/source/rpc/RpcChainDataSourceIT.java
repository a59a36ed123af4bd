package dev.hdp.preprocess.source.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.HeadersAccumulator;
import dev.hdp.core.bytes.Address;
import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.json.SubmitBatchQuery;
import dev.hdp.core.mmr.MmrHashing;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import dev.hdp.preprocess.PreprocessException;
import dev.hdp.preprocess.PreprocessResult;
import dev.hdp.preprocess.Preprocessor;
import dev.hdp.preprocess.ProgressListener;
import dev.hdp.preprocess.rpc.JsonRpcClient;
import dev.hdp.preprocess.source.ChainDataException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.AuthorizationTuple;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * Preprocesses header, account, storage, transaction and receipt tasks on a real Anvil chain
 * through the RPC source and the accumulator index, and checks every value against what plain RPC
 * calls answer for the same block.
 */
@Tag("anvil")
@ExtendWith(AnvilExtension.class)
class RpcChainDataSourceIT {
  /**
   * A tiny contract: stores calldata word 1 at the slot in word 0, and logs word 0 as a topic.
   * Runtime {@code PUSH1 32 CALLDATALOAD PUSH1 0 CALLDATALOAD SSTORE PUSH1 0 CALLDATALOAD PUSH1 0
   * PUSH1 0 LOG1 STOP}, behind an init code that copies and returns it.
   */
  private static final String STORE_INIT =
      "0x6010600c60003960106000f3" + "60203560003555600035600060" + "00a100";

  private static final BigInteger GAS_PRICE = BigInteger.valueOf(5_000_000_000L);

  @TempDir static Path dir;

  private static Web3j web3j;
  private static Credentials key;
  private static long chainId;
  private static String sender;
  private static String store;
  private static String accumulator;
  private static long firstBlock;
  private static long txBlock;
  private static int txCount;
  private static long lastAppended;
  private static JsonRpcClient rpc;
  private static String rpcUrl;

  @BeforeAll
  static void buildChain(AnvilNode node) throws Exception {
    web3j = node.web3j();
    key = node.deployer();
    sender = key.getAddress();
    chainId = node.chainId();
    rpcUrl = node.rpcUrl();
    TransactionManager tm = Deployer.transactionManager(web3j, key);
    HeadersAccumulator acc =
        HeadersAccumulator.deploy(web3j, tm, Deployer.gasProvider(web3j)).send();
    accumulator = acc.getContractAddress();
    firstBlock = node.blockNumber();
    store =
        send(RawTransaction.createContractTransaction(
                nonce(), GAS_PRICE, BigInteger.valueOf(200_000), BigInteger.ZERO, STORE_INIT))
            .getContractAddress();
    for (int i = 0; i < 4; i++) {
      send(
          RawTransaction.createTransaction(
              nonce(),
              GAS_PRICE,
              BigInteger.valueOf(100_000),
              store,
              BigInteger.ZERO,
              storeCall(1, 10 + i)));
    }
    // One block with several transaction types.
    rpcCall("evm_setAutomine", false);
    long n = nonce().longValueExact();
    List<String> hashes = new ArrayList<>();
    hashes.add(
        sendRaw(
            RawTransaction.createEtherTransaction(
                BigInteger.valueOf(n++),
                GAS_PRICE,
                BigInteger.valueOf(21_000),
                node.keys().get(1).getAddress(),
                BigInteger.TEN.pow(18))));
    hashes.add(
        sendRaw(
            RawTransaction.createTransaction(
                chainId,
                BigInteger.valueOf(n++),
                GAS_PRICE,
                BigInteger.valueOf(100_000),
                store,
                BigInteger.ZERO,
                storeCall(2, 0x99),
                List.of(
                    new AccessListObject(
                        store,
                        List.of(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.TWO, 64)))))));
    hashes.add(
        sendRaw(
            RawTransaction.createTransaction(
                chainId,
                BigInteger.valueOf(n++),
                BigInteger.valueOf(100_000),
                store,
                BigInteger.ZERO,
                storeCall(1, 77),
                BigInteger.ONE,
                GAS_PRICE)));
    hashes.add(
        sendRaw(
            RawTransaction.createTransaction(
                chainId,
                BigInteger.valueOf(n++),
                BigInteger.ONE,
                GAS_PRICE,
                BigInteger.valueOf(100_000),
                node.keys().get(2).getAddress(),
                BigInteger.ONE,
                "0x",
                List.of(),
                List.of(
                    new AuthorizationTuple(
                        BigInteger.valueOf(chainId),
                        store,
                        BigInteger.ZERO,
                        BigInteger.ONE,
                        BigInteger.ONE,
                        BigInteger.ONE)))));
    rpcCall("evm_mine");
    rpcCall("evm_setAutomine", true);
    txBlock = node.blockNumber();
    txCount =
        web3j
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(txBlock)), false)
            .send()
            .getBlock()
            .getTransactions()
            .size();
    assertEquals(hashes.size(), txCount, "all four transactions in one block");
    node.mine(3);
    // Append every block from firstBlock on to MMR 1 of the accumulator.
    acc.createMmr(BigInteger.valueOf(firstBlock)).send();
    long latest = node.blockNumber();
    acc.appendFromBlockhash(BigInteger.ONE, BigInteger.valueOf(latest - firstBlock + 1)).send();
    lastAppended = latest;
    rpc = new JsonRpcClient(URI.create(rpcUrl));
  }

  @AfterAll
  static void closeClient() {
    if (rpc != null) {
      rpc.close();
    }
  }

  private static BigInteger nonce() throws IOException {
    return web3j
        .ethGetTransactionCount(sender, DefaultBlockParameter.valueOf("pending"))
        .send()
        .getTransactionCount();
  }

  private static String storeCall(long slot, long value) {
    return "0x"
        + Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(slot), 64)
        + Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(value), 64);
  }

  private static String sendRaw(RawTransaction tx) throws IOException {
    String signed =
        Numeric.toHexString(
            tx.getType().isLegacy()
                ? TransactionEncoder.signMessage(tx, chainId, key)
                : TransactionEncoder.signMessage(tx, key));
    var answer = web3j.ethSendRawTransaction(signed).send();
    if (answer.hasError()) {
      throw new IllegalStateException(answer.getError().getMessage());
    }
    return answer.getTransactionHash();
  }

  private static TransactionReceipt send(RawTransaction tx) throws Exception {
    String hash = sendRaw(tx);
    // Anvil mines the transaction's block right after answering; poll briefly for the receipt.
    java.util.Optional<TransactionReceipt> answer = java.util.Optional.empty();
    for (int i = 0; i < 200 && answer.isEmpty(); i++) {
      answer = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (answer.isEmpty()) {
        Thread.sleep(10);
      }
    }
    TransactionReceipt receipt = answer.orElseThrow();
    assertTrue(receipt.isStatusOK(), receipt.toString());
    return receipt;
  }

  private static void rpcCall(String method, Object... params) throws IOException {
    Response<?> response =
        new Request<>(
                method, List.of(params), new HttpService(rpcUrl), AnvilNode.AnvilResponse.class)
            .send();
    if (response.hasError()) {
      throw new IllegalStateException(method + ": " + response.getError().getMessage());
    }
  }

  private static AccumulatorIndex index(String name) {
    return new AccumulatorIndex(rpc, Address.fromHex(accumulator), 1, dir.resolve(name));
  }

  private static PreprocessResult preprocess(String datalake, String aggregate) {
    String json =
        "{\"destinationChainId\": "
            + chainId
            + ", \"tasks\": [{\"type\": \"DatalakeCompute\", \"datalake\": "
            + datalake
            + ", \"compute\": {\"aggregateFnId\": \""
            + aggregate
            + "\"}}]}";
    AccumulatorIndex index = index("preprocess.idx");
    RpcChainDataSource source = new RpcChainDataSource(rpc, index);
    return new Preprocessor(source, ProgressListener.NONE).process(SubmitBatchQuery.parse(json));
  }

  private static String blockSampled(long from, long to, String property) {
    return "{\"type\": \"BlockSampled\", \"chainId\": "
        + chainId
        + ", \"blockRangeStart\": "
        + from
        + ", \"blockRangeEnd\": "
        + to
        + ", \"increment\": 1, \"sampledProperty\": \""
        + property
        + "\"}";
  }

  private static String transactions(String property) {
    return "{\"type\": \"TransactionsInBlock\", \"chainId\": "
        + chainId
        + ", \"targetBlock\": "
        + txBlock
        + ", \"startIndex\": 0, \"endIndex\": "
        + txCount
        + ", \"increment\": 1, \"includedTypes\": {\"legacy\": true, \"eip2930\": true, \"eip1559\": true, \"eip4844\": true}, \"sampledProperty\": \""
        + property
        + "\"}";
  }

  private static List<UInt256> expected(long from, long to, LongFunction<BigInteger> value) {
    List<UInt256> out = new ArrayList<>();
    for (long b = from; b <= to; b++) {
      out.add(UInt256.of(value.apply(b)));
    }
    return out;
  }

  private static DefaultBlockParameter at(long block) {
    return DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
  }

  private static EthBlock.Block block(long number) {
    try {
      return web3j.ethGetBlockByNumber(at(number), false).send().getBlock();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void headerGasUsedMatchesTheBlocks() {
    PreprocessResult result =
        preprocess(blockSampled(firstBlock, lastAppended, "header.gas_used"), "sum");
    assertEquals(
        expected(firstBlock, lastAppended, b -> block(b).getGasUsed()), result.values().get(0));
    // Proven against MMR 1 at the accumulator's current size and root.
    var meta = result.batch().mmrMetas().get(0);
    assertEquals(1, meta.id());
    assertEquals(
        dev.hdp.core.mmr.MmrPositions.sizeForLeafCount(lastAppended - firstBlock + 1), meta.size());
  }

  @Test
  void accountBalancesMatchEthGetBalance() {
    PreprocessResult result =
        preprocess(
            blockSampled(firstBlock, txBlock, "account." + sender.toLowerCase() + ".balance"),
            "min");
    assertEquals(
        expected(
            firstBlock,
            txBlock,
            b -> {
              try {
                return web3j.ethGetBalance(sender, at(b)).send().getBalance();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }),
        result.values().get(0));
  }

  @Test
  void storageSlotsMatchEthGetStorageAt() {
    long from = firstBlock + 1;
    PreprocessResult result =
        preprocess(
            blockSampled(
                from,
                lastAppended,
                "storage."
                    + store.toLowerCase()
                    + "."
                    + Numeric.toHexStringWithPrefixZeroPadded(BigInteger.ONE, 64)),
            "max");
    List<UInt256> expected =
        expected(
            from,
            lastAppended,
            b -> {
              try {
                return Numeric.toBigInt(
                    web3j.ethGetStorageAt(store, BigInteger.ONE, at(b)).send().getData());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertEquals(expected, result.values().get(0));
    assertTrue(
        expected.contains(UInt256.of(77)) && expected.contains(UInt256.of(13)),
        expected.toString());
  }

  @Test
  void transactionsOfFourTypesMatchTheNode() throws IOException {
    PreprocessResult result = preprocess(transactions("tx.nonce"), "sum");
    List<UInt256> expected = new ArrayList<>();
    for (int i = 0; i < txCount; i++) {
      var tx =
          web3j
              .ethGetTransactionByBlockNumberAndIndex(at(txBlock), BigInteger.valueOf(i))
              .send()
              .getTransaction()
              .orElseThrow();
      if (!tx.getType().equals("0x4")) { // HDP's includedTypes has no flag for type 4
        expected.add(UInt256.of(tx.getNonce()));
      }
    }
    assertEquals(3, expected.size());
    assertEquals(expected, result.values().get(0));
  }

  @Test
  void receiptsMatchTheNode() throws IOException {
    PreprocessResult result = preprocess(transactions("tx_receipt.cumulative_gas_used"), "max");
    List<UInt256> expected = new ArrayList<>();
    for (int i = 0; i < txCount; i++) {
      var tx =
          web3j
              .ethGetTransactionByBlockNumberAndIndex(at(txBlock), BigInteger.valueOf(i))
              .send()
              .getTransaction()
              .orElseThrow();
      if (!tx.getType().equals("0x4")) {
        expected.add(
            UInt256.of(
                web3j
                    .ethGetTransactionReceipt(tx.getHash())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow()
                    .getCumulativeGasUsed()));
      }
    }
    assertEquals(expected, result.values().get(0));
  }

  @Test
  void aBlockOutsideTheMmrIsNamed() {
    var e =
        assertThrows(
            PreprocessException.class,
            () -> preprocess(blockSampled(firstBlock - 1, firstBlock, "header.number"), "sum"));
    assertTrue(
        e.getMessage().contains("block " + (firstBlock - 1) + " is not in MMR 1"), e.getMessage());
    assertTrue(e.getCause() instanceof ChainDataException);
  }

  @Test
  void theIndexResumesFromItsFileAndRebuildsWhenItsLeavesAreWrong() throws IOException {
    AccumulatorIndex first = index("resume.idx");
    AccumulatorIndex.SyncResult built = first.sync();
    assertEquals(lastAppended - firstBlock + 1, built.appended());
    assertFalse(built.rebuilt());
    var header =
        first.prove(
            dev.hdp.core.task.ChainId.of(chainId),
            txBlock,
            RpcEncoding.headerRlp(
                rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(txBlock), false)));
    assertEquals(MmrHashing.KECCAK, header.hashing());
    assertEquals(built.root(), header.mmr().root());

    AccumulatorIndex resumed = index("resume.idx");
    AccumulatorIndex.SyncResult again = resumed.sync();
    assertEquals(0, again.appended());
    assertFalse(again.rebuilt());

    // A damaged mirror (as after a dev-chain reset): its root differs, so it is rebuilt.
    Path file = dir.resolve("resume.idx");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
    AccumulatorIndex damaged = index("resume.idx");
    AccumulatorIndex.SyncResult rebuilt = damaged.sync();
    assertTrue(rebuilt.rebuilt());
    assertEquals(built.root(), rebuilt.root());
  }
}
