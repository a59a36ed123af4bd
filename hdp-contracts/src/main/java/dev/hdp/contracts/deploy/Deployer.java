package dev.hdp.contracts.deploy;

import dev.hdp.contracts.generated.DevFactsRegistry;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.contracts.generated.HeadersAccumulator;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Deploys a development set of contracts: {@code DevFactsRegistry} (UNPROVEN facts, marked by the
 * dev-prover key), {@code HeadersAccumulator} and {@code HdpExecutionStore} wired to both.
 */
public final class Deployer {
  /** Gas limit per transaction: deployments and 64-task finalizations stay well below it. */
  public static final BigInteger GAS_LIMIT = BigInteger.valueOf(15_000_000);

  private Deployer() {}

  /**
   * Who may do what in a new deployment.
   *
   * @param admin holds DEFAULT_ADMIN_ROLE (grants roles, rotates the program hash)
   * @param operator holds OPERATOR_ROLE (finalizes batches)
   * @param devProver the only key that may mark facts valid in the dev registry
   * @param programHash the HDP program hash to accept (32 bytes)
   */
  public record Roles(String admin, String operator, String devProver, byte[] programHash) {
    public Roles {
      if (programHash.length != 32) throw new IllegalArgumentException("programHash: 32 bytes");
      programHash = programHash.clone();
    }

    @Override
    public byte[] programHash() {
      return programHash.clone();
    }

    /** One address for every role. */
    public static Roles all(String address, byte[] programHash) {
      return new Roles(address, address, address, programHash);
    }
  }

  /** Signs locally with {@code key}, waiting for receipts with a short poll (local chains). */
  public static TransactionManager transactionManager(Web3j web3j, Credentials key)
      throws IOException {
    long chainId = web3j.ethChainId().send().getChainId().longValueExact();
    return new RawTransactionManager(
        web3j, key, chainId, new PollingTransactionReceiptProcessor(web3j, 50, 2400));
  }

  /** Sends from an account the node holds unlocked (Anvil's default accounts). */
  public static TransactionManager unlockedAccount(Web3j web3j, String from) {
    return new ClientTransactionManager(
        web3j, from, new PollingTransactionReceiptProcessor(web3j, 50, 2400));
  }

  /** The node's current gas price with {@link #GAS_LIMIT}. */
  public static ContractGasProvider gasProvider(Web3j web3j) throws IOException {
    BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
    return new StaticGasProvider(gasPrice.multiply(BigInteger.TWO), GAS_LIMIT);
  }

  /** Deploys the three contracts and returns their addresses. */
  public static DeployedContracts deployDevelopment(
      Web3j web3j, TransactionManager transactions, Roles roles) throws Exception {
    ContractGasProvider gas = gasProvider(web3j);
    DevFactsRegistry registry =
        DevFactsRegistry.deploy(web3j, transactions, gas, roles.devProver()).send();
    HeadersAccumulator accumulator = HeadersAccumulator.deploy(web3j, transactions, gas).send();
    HdpExecutionStore store =
        HdpExecutionStore.deploy(
                web3j,
                transactions,
                gas,
                new Address(roles.admin()),
                new Address(roles.operator()),
                new Address(registry.getContractAddress()),
                new Address(accumulator.getContractAddress()),
                new Bytes32(roles.programHash()))
            .send();
    long chainId = web3j.ethChainId().send().getChainId().longValueExact();
    long block =
        store
            .getTransactionReceipt()
            .map(r -> r.getBlockNumber().longValueExact())
            .orElseGet(() -> latestBlock(web3j));
    return new DeployedContracts(
        chainId,
        store.getContractAddress(),
        accumulator.getContractAddress(),
        registry.getContractAddress(),
        true,
        Numeric.toHexString(roles.programHash()),
        block);
  }

  private static long latestBlock(Web3j web3j) {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
