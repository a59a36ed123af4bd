package dev.hdp.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpDecoder;
import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every proof of every {@code hdp-sepolia} folder verifies against the roots of its headers. */
public class FixtureProofsTest {
  private static final Map<Path, ChainDataFixture> CACHE = new ConcurrentHashMap<>();

  public static ChainDataFixture fixture(Path folder) {
    return CACHE.computeIfAbsent(folder, ChainDataFixture::load);
  }

  public static Stream<Path> folders() {
    return SharedFixtures.hdpSepoliaBatches().stream();
  }

  public static Map<Long, BlockHeader> headersByNumber(ChainDataFixture data) {
    Map<Long, BlockHeader> byNumber = new TreeMap<>();
    for (ChainDataFixture.HeaderEntry h : data.headers()) {
      BlockHeader header = BlockHeader.decode(h.rlp());
      byNumber.put(header.number(), header);
    }
    return byNumber;
  }

  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void headersDecodeAndChainByParentHash(Path folder) {
    ChainDataFixture data = fixture(folder);
    Map<Long, BlockHeader> headers = headersByNumber(data);
    assertEquals(data.headers().size(), headers.size(), "one header per block");
    for (BlockHeader header : headers.values()) {
      assertTrue(
          header.fork() == HeaderFork.CANCUN || header.fork() == HeaderFork.SHANGHAI,
          "Sepolia 2024 headers are Shanghai or Cancun: " + header);
      assertEquals(0, header.difficulty().value().signum(), "post-merge difficulty is 0");
      assertEquals(header.rlpLength(), header.rlp().length);
      BlockHeader previous = headers.get(header.number() - 1);
      if (previous != null) {
        assertEquals(previous.hash(), header.parentHash(), "block " + header.number());
      }
    }
  }

  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void accountProofsVerifyAgainstStateRoots(Path folder) {
    ChainDataFixture data = fixture(folder);
    Map<Long, BlockHeader> headers = headersByNumber(data);
    for (ChainDataFixture.AccountEntry account : data.accounts()) {
      for (ChainDataFixture.BlockProof p : account.proofs()) {
        BlockHeader header = headers.get(p.blockNumber());
        assertNotNull(header, "header of block " + p.blockNumber());
        ProofResult<Optional<Account>> result =
            ChainProofs.verifyAccount(header, account.address(), p.proof());
        assertTrue(
            result.isValid(), () -> account.address() + "@" + p.blockNumber() + ": " + result);
        assertTrue(result.value().isPresent(), "the sampled accounts exist");
      }
    }
  }

  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void storageProofsVerifyAgainstTheAccountsStorageRoots(Path folder) {
    ChainDataFixture data = fixture(folder);
    Map<Long, BlockHeader> headers = headersByNumber(data);
    for (ChainDataFixture.StorageEntry storage : data.storages()) {
      Map<Long, Account> accountAt = new HashMap<>();
      for (ChainDataFixture.AccountEntry a : data.accounts()) {
        if (a.address().equals(storage.address())) {
          for (ChainDataFixture.BlockProof p : a.proofs()) {
            accountAt.put(
                p.blockNumber(),
                ChainProofs.verifyAccount(headers.get(p.blockNumber()), a.address(), p.proof())
                    .value()
                    .orElseThrow());
          }
        }
      }
      for (ChainDataFixture.BlockProof p : storage.proofs()) {
        Account account = accountAt.get(p.blockNumber());
        assertNotNull(account, "an account proof accompanies each storage proof");
        ProofResult<UInt256> result =
            ChainProofs.verifyStorage(account.storageRoot(), storage.slot(), p.proof());
        assertTrue(result.isValid(), () -> storage.slot() + "@" + p.blockNumber() + ": " + result);
        assertTrue(result.value().value().bitLength() <= 160, "the slot holds an address");
      }
    }
  }

  @ParameterizedTest(name = "folder {0}")
  @MethodSource("folders")
  void transactionProofsVerifyAgainstTransactionsRoots(Path folder) {
    ChainDataFixture data = fixture(folder);
    Map<Long, BlockHeader> headers = headersByNumber(data);
    for (ChainDataFixture.TrieEntry tx : data.transactions()) {
      long index = RlpDecoder.decode(tx.key()).asString().asLong();
      ProofResult<Optional<Transaction>> result =
          ChainProofs.verifyTransaction(headers.get(tx.blockNumber()), index, tx.proof());
      assertTrue(result.isValid(), () -> "tx " + index + "@" + tx.blockNumber() + ": " + result);
      Transaction t = result.value().orElseThrow();
      assertEquals(
          Optional.of(UInt256.of(11155111)),
          t.value(TransactionField.CHAIN_ID),
          "Sepolia transactions are typed or EIP-155");
    }
    for (ChainDataFixture.TrieEntry receipt : data.receipts()) {
      long index = RlpDecoder.decode(receipt.key()).asString().asLong();
      ProofResult<Optional<Receipt>> result =
          ChainProofs.verifyReceipt(headers.get(receipt.blockNumber()), index, receipt.proof());
      assertTrue(result.isValid(), () -> "receipt " + index + ": " + result);
      assertTrue(result.value().isPresent());
    }
  }

  /** The fixtures README counts 253 headers, 182 account, 97 storage and 210 transaction proofs. */
  @Test
  void allFixtureProofsAreCounted() {
    int headers = 0;
    int accounts = 0;
    int storage = 0;
    int transactions = 0;
    List<Path> folders = SharedFixtures.hdpSepoliaBatches();
    for (Path folder : folders) {
      ChainDataFixture data = fixture(folder);
      headers += data.headers().size();
      accounts += data.accounts().stream().mapToInt(a -> a.proofs().size()).sum();
      storage += data.storages().stream().mapToInt(s -> s.proofs().size()).sum();
      transactions += data.transactions().size();
    }
    assertEquals(30, folders.size());
    assertEquals(List.of(253, 182, 97, 210), List.of(headers, accounts, storage, transactions));
  }

  @Test
  void folder18HeadersArePreCancun() {
    ChainDataFixture data = fixture(SharedFixtures.resolve("hdp-sepolia/18"));
    for (BlockHeader h : headersByNumber(data).values()) {
      assertEquals(HeaderFork.SHANGHAI, h.fork());
      assertEquals(Optional.empty(), h.value(HeaderField.BLOB_GAS_USED));
      assertEquals(
          Optional.of(UInt256.of(new BigInteger(1, h.nonce()))), h.value(HeaderField.NONCE));
    }
  }
}
