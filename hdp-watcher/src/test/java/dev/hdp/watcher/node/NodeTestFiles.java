package dev.hdp.watcher.node;

import dev.hdp.contracts.deploy.DeployedContracts;
import java.nio.file.Path;

/** Keys and a contracts file for tests that configure a node without a chain behind it. */
public final class NodeTestFiles {
  /** Anvil's second dev account: the operator key in node configs. */
  public static final String OPERATOR_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** Anvil's third dev account: the dev prover key. */
  public static final String PROVER_KEY =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  private NodeTestFiles() {}

  /** The contract addresses of a first deployment on Anvil (chain 31337, deployed at block 12). */
  public static DeployedContracts anvilContracts() {
    return new DeployedContracts(
        31337,
        "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0",
        "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
        "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        true,
        "0x" + "ab".repeat(32),
        12);
  }

  /** Writes {@link #anvilContracts()} to {@code file} and returns them. */
  public static DeployedContracts writeAnvilContracts(Path file) throws Exception {
    DeployedContracts contracts = anvilContracts();
    contracts.write(file);
    return contracts;
  }
}
