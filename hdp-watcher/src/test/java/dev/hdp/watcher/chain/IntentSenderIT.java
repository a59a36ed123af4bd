package dev.hdp.watcher.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.fixtures.devchain.AnvilProcess;
import dev.hdp.watcher.store.Database;
import dev.hdp.watcher.store.Intent;
import dev.hdp.watcher.store.IntentLog;
import dev.hdp.watcher.store.IntentState;
import dev.hdp.watcher.store.Migrations;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * {@link IntentSender} against a real Anvil node, in the two cases a resumed send meets: the
 * recorded transaction never reached the node (re-broadcast byte for byte) and its nonce went to
 * another transaction meanwhile (signed anew).
 */
@Tag("anvil")
class IntentSenderIT {
  private static AnvilProcess anvil;
  private static Web3j web3j;
  private static long chainId;

  @TempDir Path folder;
  private HikariDataSource dataSource;
  private IntentLog intents;
  private Credentials key;
  private String target;

  @BeforeAll
  static void chain() throws Exception {
    Assumptions.assumeTrue(AnvilProcess.isInstalled(), "Anvil not installed (npm ci in tools/)");
    anvil = AnvilProcess.start(new AnvilProcess.Options(100, 4, 0));
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    chainId = web3j.ethChainId().send().getChainId().longValueExact();
  }

  @AfterAll
  static void stop() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @BeforeEach
  void store() {
    dataSource =
        Database.pool(Database.h2FileUrl(folder.resolve("node"), false), "sa", "", 4, "it-store");
    Migrations.migrate(dataSource, Clock.systemUTC());
    intents = new IntentLog(dataSource, Clock.systemUTC());
    key = Credentials.create(anvil.privateKeys().get(0));
    target = Credentials.create(anvil.privateKeys().get(1)).getAddress();
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  /** Signs a plain transfer from {@code key} at {@code nonce}, without sending it. */
  private String signTransfer(BigInteger nonce, long wei) throws Exception {
    BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
    RawTransaction transfer =
        RawTransaction.createTransaction(
            nonce, gasPrice, BigInteger.valueOf(30_000), target, BigInteger.valueOf(wei), "0x");
    return Hex.encode(TransactionEncoder.signMessage(transfer, chainId, key));
  }

  private BigInteger nextNonce() throws Exception {
    return web3j
        .ethGetTransactionCount(key.getAddress(), DefaultBlockParameterName.PENDING)
        .send()
        .getTransactionCount();
  }

  /** An intent left SENT by a run that recorded {@code raw} and died before broadcasting it. */
  private Intent recordedNotBroadcast(String subject, String raw) {
    Intent intent = intents.open("it-transfer", subject, Optional.empty(), "it");
    return intents.recordSent(intent, Keccak256.hash(Hex.decode(raw)), Optional.of(raw));
  }

  private IntentSender.Outcome ensure(String subject) throws InterruptedException {
    return new IntentSender(web3j, key, chainId)
        .ensure(intents, "it-transfer", subject, Optional.empty(), "it", () -> false, target, "0x");
  }

  /** The receipt, polled for a few seconds (Anvil mines a sent transaction right after). */
  private TransactionReceipt receipt(Bytes32 hash) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      Optional<TransactionReceipt> receipt =
          web3j.ethGetTransactionReceipt(hash.toHex()).send().getTransactionReceipt();
      if (receipt.isPresent()) {
        return receipt.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no receipt for " + hash);
  }

  @Test
  void aRecordedTransactionTheNodeNeverSawIsBroadcastByteForByte() throws Exception {
    String raw = signTransfer(nextNonce(), 1);
    Intent recorded = recordedNotBroadcast("dropped", raw);

    assertEquals(IntentSender.Outcome.SENT, ensure("dropped"));

    Intent after = intents.find("it-transfer", "dropped").orElseThrow();
    assertEquals(IntentState.CONFIRMED, after.state());
    assertEquals(recorded.txHash(), after.txHash());
    assertEquals(Optional.of(raw), after.payload());
    assertEquals(2, after.sends());
    assertTrue(receipt(after.txHash().orElseThrow()).isStatusOK());
  }

  @Test
  void aRecordedTransactionWhoseNonceWentElsewhereIsSignedAnew() throws Exception {
    BigInteger nonce = nextNonce();
    Intent recorded = recordedNotBroadcast("superseded", signTransfer(nonce, 1));
    // Another transaction of the same key takes the nonce before the resumed send.
    String other = signTransfer(nonce, 2);
    assertTrue(!web3j.ethSendRawTransaction(other).send().hasError());
    receipt(Keccak256.hash(Hex.decode(other)));

    assertEquals(IntentSender.Outcome.SENT, ensure("superseded"));

    Intent after = intents.find("it-transfer", "superseded").orElseThrow();
    assertEquals(IntentState.CONFIRMED, after.state());
    assertNotEquals(recorded.txHash(), after.txHash());
    assertEquals(2, after.sends());
    TransactionReceipt replacement = receipt(after.txHash().orElseThrow());
    assertTrue(replacement.isStatusOK());
    assertEquals(
        nonce.add(BigInteger.ONE),
        web3j
            .ethGetTransactionByHash(after.txHash().orElseThrow().toHex())
            .send()
            .getTransaction()
            .orElseThrow()
            .getNonce());
    assertEquals(IntentSender.Outcome.ALREADY_DONE, ensure("superseded"));
  }
}
