package dev.hdp.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.contracts.generated.HeadersAccumulator;
import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.mmr.KeccakMmr;
import dev.hdp.core.mmr.Mmr;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** The accumulator's roots equal hdp-core's Keccak MMR over the same blocks. */
@Tag("anvil")
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@AnvilExtension.Config(pruneHistory = 64)
class HeadersAccumulatorIT {
  private AnvilNode anvil;
  private HttpService rpc;
  private HeadersAccumulator accumulator;
  private HdpExecutionStore store;

  @BeforeAll
  void deploy(AnvilNode anvil) throws Exception {
    this.anvil = anvil;
    this.rpc = new HttpService(anvil.rpcUrl());
    var key = anvil.deployer();
    var tx = Deployer.transactionManager(anvil.web3j(), key);
    DeployedContracts deployed =
        Deployer.deployDevelopment(
            anvil.web3j(), tx, Deployer.Roles.all(key.getAddress(), new byte[32]));
    var gas = Deployer.gasProvider(anvil.web3j());
    accumulator = HeadersAccumulator.load(deployed.headersAccumulator(), anvil.web3j(), tx, gas);
    store = HdpExecutionStore.load(deployed.hdpExecutionStore(), anvil.web3j(), tx, gas);
  }

  private byte[] blockHash(long number) throws Exception {
    return Numeric.hexStringToByteArray((String) RawHeaders.block(rpc, number).get("hash"));
  }

  private long createMmr(long firstBlock) throws Exception {
    var receipt = accumulator.createMmr(BigInteger.valueOf(firstBlock)).send();
    return HeadersAccumulator.getMmrCreatedEvents(receipt).get(0).mmrId.longValueExact();
  }

  @Test
  void rootsFromBlockhashMatchTheReferenceMmrAndAreCachedByTheStore() throws Exception {
    anvil.mine(120);
    long first = anvil.blockNumber() - 100;
    long id = createMmr(first);
    Mmr<Bytes32> reference = KeccakMmr.create();
    long next = first;
    for (int chunk : new int[] {1, 2, 5, 37, 50}) {
      var receipt =
          accumulator.appendFromBlockhash(BigInteger.valueOf(id), BigInteger.valueOf(chunk)).send();
      for (int i = 0; i < chunk; i++) reference.append(Bytes32.of(blockHash(next++)));
      var appended = HeadersAccumulator.getBlocksAppendedEvents(receipt).get(0);
      assertEquals(reference.size(), appended.mmrSize.longValueExact());
      assertArrayEquals(
          reference.root().toArray(), appended.mmrRoot, "root after " + (next - first));
    }
    var cached = store.cacheMmrRoot(new Uint256(id)).send();
    var event = HdpExecutionStore.getMmrRootCachedEvents(cached).get(0);
    assertEquals(reference.size(), event.mmrSize.getValue().longValueExact());
    assertArrayEquals(reference.root().toArray(), event.mmrRoot.getValue());
    assertArrayEquals(
        reference.root().toArray(),
        store.loadMmrRoot(new Uint256(id), new Uint256(reference.size())).send().getValue());
  }

  @Test
  void oldBlocksAreAppendedFromHeadersChainedToARecentBlock() throws Exception {
    anvil.mine(300);
    long latest = anvil.blockNumber();
    long first = latest - 290; // out of blockhash() reach by the time we append
    long anchor = latest - 5; // still in reach
    List<byte[]> headers = new ArrayList<>();
    Mmr<Bytes32> reference = KeccakMmr.create();
    for (long n = first; n <= anchor; n++) {
      Map<String, Object> block = RawHeaders.block(rpc, n);
      byte[] rlp = RawHeaders.rlp(block);
      assertArrayEquals(
          Numeric.hexStringToByteArray((String) block.get("hash")), Hash.sha3(rlp), "RLP of " + n);
      headers.add(rlp);
    }
    int appendCount = 40;
    for (int i = 0; i < appendCount; i++) reference.append(Bytes32.of(Hash.sha3(headers.get(i))));
    long id = createMmr(first);
    var receipt =
        accumulator
            .appendFromHeaders(BigInteger.valueOf(id), headers, BigInteger.valueOf(appendCount))
            .send();
    var appended = HeadersAccumulator.getBlocksAppendedEvents(receipt).get(0);
    assertEquals(first + appendCount - 1, appended.toBlock.longValueExact());
    assertEquals(reference.size(), appended.mmrSize.longValueExact());
    assertArrayEquals(reference.root().toArray(), appended.mmrRoot);
    assertNotNull(accumulator.rootAt(BigInteger.valueOf(id), appended.mmrSize).send());
  }
}
