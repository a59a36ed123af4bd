package dev.hdp.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.contracts.deploy.Deployer;
import dev.hdp.contracts.generated.DevFactsRegistry;
import dev.hdp.contracts.generated.HdpExecutionStore;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;

@Tag("anvil")
@ExtendWith(AnvilExtension.class)
class DeployerIT {
  @Test
  void deploysTheThreeContractsAndWritesTheirAddresses(AnvilNode anvil, @TempDir Path dir)
      throws Exception {
    var web3j = anvil.web3j();
    var key = anvil.deployer();
    var operator = anvil.keys().get(1).getAddress();
    var prover = anvil.keys().get(2).getAddress();
    byte[] programHash = Hash.sha3("program".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var tx = Deployer.transactionManager(web3j, key);
    DeployedContracts deployed =
        Deployer.deployDevelopment(
            web3j, tx, new Deployer.Roles(key.getAddress(), operator, prover, programHash));

    Path file = dir.resolve("contracts.json");
    deployed.write(file);
    assertEquals(deployed, DeployedContracts.read(file));
    assertTrue(Files.readString(file).contains("no proof"), "the file says facts are unproven");
    for (String address :
        new String[] {
          deployed.hdpExecutionStore(), deployed.headersAccumulator(), deployed.factsRegistry()
        }) {
      String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
      assertTrue(code.length() > 100, "code at " + address);
    }
    var gas = Deployer.gasProvider(web3j);
    var store = HdpExecutionStore.load(deployed.hdpExecutionStore(), web3j, tx, gas);
    assertEquals(new Bytes32(programHash), store.programHash().send());
    assertEquals(new Address(deployed.factsRegistry()), store.FACTS_REGISTRY().send());
    assertTrue(
        store.hasRole(store.OPERATOR_ROLE().send(), new Address(operator)).send().getValue());
    assertTrue(
        !store
            .hasRole(store.OPERATOR_ROLE().send(), new Address(key.getAddress()))
            .send()
            .getValue(),
        "the deployer is admin, not operator");
    var registry = DevFactsRegistry.load(deployed.factsRegistry(), web3j, tx, gas);
    assertEquals(prover.toLowerCase(), registry.DEV_PROVER().send().toLowerCase());
    assertTrue(registry.NOTICE().send().contains("no proof"));
  }
}
