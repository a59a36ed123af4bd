package dev.hdp.contracts.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hdp.contracts.AbiArrays;
import dev.hdp.contracts.Reverts;
import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.DevFactsRegistry;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.contracts.generated.HeadersAccumulator;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * authenticateTaskExecution on Anvil: finalizes with valid proofs and fact, and reverts with the
 * right error for a wrong fact, a wrong root, a task not in the batch, an uncached MMR root and a
 * caller without the operator role.
 */
@Tag("anvil")
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinalizationIT {
  private final byte[] programHash =
      Hash.sha3("finalization test program".getBytes(StandardCharsets.UTF_8));
  private AnvilNode anvil;
  private HdpExecutionStore store;
  private DevFactsRegistry registry;
  private long chainId;
  private long mmrSize;
  private byte[] mmrRoot;

  @BeforeAll
  void deploy(AnvilNode anvil) throws Exception {
    this.anvil = anvil;
    var key = anvil.deployer();
    var web3j = anvil.web3j();
    var tx = Deployer.transactionManager(web3j, key);
    DeployedContracts deployed =
        Deployer.deployDevelopment(web3j, tx, Deployer.Roles.all(key.getAddress(), programHash));
    var gas = Deployer.gasProvider(web3j);
    store = HdpExecutionStore.load(deployed.hdpExecutionStore(), web3j, tx, gas);
    registry = DevFactsRegistry.load(deployed.factsRegistry(), web3j, tx, gas);
    var accumulator = HeadersAccumulator.load(deployed.headersAccumulator(), web3j, tx, gas);
    chainId = deployed.chainId();
    anvil.mine(20);
    accumulator.createMmr(BigInteger.valueOf(anvil.blockNumber() - 10)).send();
    accumulator.appendFromBlockhash(BigInteger.ONE, BigInteger.valueOf(10)).send();
    store.cacheMmrRoot(new Uint256(1)).send();
    var latest = accumulator.latestRoot(BigInteger.ONE).send();
    mmrSize = latest.component1().longValueExact();
    mmrRoot = latest.component2();
  }

  private BenchBatch batch(String salt, int n) {
    List<byte[]> commitments = new ArrayList<>();
    List<byte[]> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      commitments.add(Hash.sha3((salt + " task " + i).getBytes(StandardCharsets.UTF_8)));
      results.add(Hash.sha3((salt + " result " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return BenchBatch.of(commitments, results);
  }

  private byte[] fact(BenchBatch b) {
    return GasBench.fact(programHash, b, 1, mmrSize, chainId, mmrRoot);
  }

  private Function authenticate(BenchBatch b, long size) {
    return authenticate(b, size, b.commitments());
  }

  private Function authenticate(BenchBatch b, long size, List<byte[]> commitments) {
    return new Function(
        "authenticateTaskExecution",
        List.of(
            GasBench.uints(1),
            GasBench.uints(size),
            new Uint256(BenchBatch.low(b.tasksRoot())),
            new Uint256(BenchBatch.high(b.tasksRoot())),
            new Uint256(BenchBatch.low(b.resultsRoot())),
            new Uint256(BenchBatch.high(b.resultsRoot())),
            AbiArrays.bytes32Matrix(b.taskProofs()),
            AbiArrays.bytes32Matrix(b.resultProofs()),
            AbiArrays.bytes32Array(commitments),
            AbiArrays.bytes32Array(b.results())),
        List.of());
  }

  private String revert(Function call) throws Exception {
    return revert(call, anvil.deployer().getAddress());
  }

  private String revert(Function call, String from) throws Exception {
    return Reverts.revertData(anvil.web3j(), from, store.getContractAddress(), call);
  }

  @Test
  void finalizesEveryTaskWithValidProofsAndFact() throws Exception {
    BenchBatch b = batch("valid", 5);
    registry.markValid(fact(b)).send();
    assertNull(revert(authenticate(b, mmrSize)), "the call succeeds");
    GasBench.authenticate(store, b, 5, 1, mmrSize).send();
    for (int i = 0; i < 5; i++) {
      var commitment = new Bytes32(b.commitments().get(i));
      assertEquals(2, store.getTaskStatus(commitment).send().getValue().intValue(), "FINALIZED");
      assertArrayEquals(
          b.results().get(i), store.getFinalizedTaskResult(commitment).send().getValue());
    }
  }

  @Test
  void revertsForAWrongFact() throws Exception {
    BenchBatch b = batch("unregistered", 3);
    assertEquals(
        Reverts.customError("InvalidFact(bytes32)", List.of(new Bytes32(fact(b)))),
        revert(authenticate(b, mmrSize)));
  }

  @Test
  void revertsForAWrongRoot() throws Exception {
    BenchBatch b = batch("proven", 3);
    registry.markValid(fact(b)).send();
    BenchBatch other = batch("claimed", 3); // roots the fact does not cover
    assertEquals(
        Reverts.customError("InvalidFact(bytes32)", List.of(new Bytes32(fact(other)))),
        revert(authenticate(other, mmrSize)));
  }

  @Test
  void revertsForATaskNotInTheBatch() throws Exception {
    BenchBatch b = batch("stranger", 4);
    registry.markValid(fact(b)).send();
    List<byte[]> commitments = new ArrayList<>(b.commitments());
    byte[] stranger = Hash.sha3("not in the batch".getBytes(StandardCharsets.UTF_8));
    commitments.set(2, stranger);
    assertEquals(
        Reverts.customError("TaskNotInBatch(bytes32)", List.of(new Bytes32(stranger))),
        revert(authenticate(b, mmrSize, commitments)));
  }

  @Test
  void revertsForAnUncachedMmrRoot() throws Exception {
    BenchBatch b = batch("uncached", 2);
    registry.markValid(fact(b)).send();
    assertEquals(
        Reverts.customError(
            "MmrRootNotCached(uint256,uint256)", List.of(new Uint256(1), new Uint256(mmrSize + 1))),
        revert(authenticate(b, mmrSize + 1)));
  }

  @Test
  void revertsForACallerWithoutTheOperatorRole() throws Exception {
    BenchBatch b = batch("no role", 2);
    registry.markValid(fact(b)).send();
    String stranger = anvil.keys().get(3).getAddress();
    assertEquals(
        Reverts.customError(
            "AccessControlUnauthorizedAccount(address,bytes32)",
            List.of(new Address(stranger), new Bytes32(store.OPERATOR_ROLE().send().getValue()))),
        revert(authenticate(b, mmrSize), stranger));
  }

  @Test
  void rootOnlyFinalizationLetsAReaderProveItsResult() throws Exception {
    BenchBatch b = batch("root only", 7);
    registry.markValid(fact(b)).send();
    var resultsRoot = new Bytes32(b.resultsRoot());
    var proof = AbiArrays.bytes32Array(b.resultProofs().get(4));
    var commitment = new Bytes32(b.commitments().get(4));
    var result = new Bytes32(b.results().get(4));
    assertEquals(
        false,
        store.verifyTaskResultInBatch(resultsRoot, commitment, result, proof).send().getValue());
    store
        .authenticateBatchRoots(
            GasBench.uints(1),
            GasBench.uints(mmrSize),
            new Uint256(BenchBatch.low(b.tasksRoot())),
            new Uint256(BenchBatch.high(b.tasksRoot())),
            new Uint256(BenchBatch.low(b.resultsRoot())),
            new Uint256(BenchBatch.high(b.resultsRoot())))
        .send();
    assertEquals(
        true,
        store.verifyTaskResultInBatch(resultsRoot, commitment, result, proof).send().getValue());
    var wrong = new Bytes32(b.results().get(3));
    assertEquals(
        false,
        store.verifyTaskResultInBatch(resultsRoot, commitment, wrong, proof).send().getValue());
    store.finalizeTaskFromBatch(resultsRoot, commitment, result, proof).send();
    assertArrayEquals(
        b.results().get(4), store.getFinalizedTaskResult(commitment).send().getValue());
  }
}
