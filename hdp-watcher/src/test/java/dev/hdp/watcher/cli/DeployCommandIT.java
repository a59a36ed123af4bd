package dev.hdp.watcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.contracts.deploy.DeployedContracts;
import dev.hdp.fixtures.AnvilExtension;
import dev.hdp.fixtures.AnvilNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

@Tag("anvil")
@ExtendWith(AnvilExtension.class)
class DeployCommandIT {
  @Test
  void deploysWithTheNodesUnlockedAccountAndWritesTheAddresses(AnvilNode anvil, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("contracts.json");
    int exit =
        HdpMain.commandLine()
            .execute(
                "deploy",
                "--rpc",
                anvil.rpcUrl(),
                "--program-hash",
                "0x42c0f2214c4feb397b9226fa7114496fe6ffd039cd9d81d22f404b22cc6e4c1",
                "--out",
                out.toString());
    assertEquals(0, exit);
    DeployedContracts deployed = DeployedContracts.read(out);
    assertEquals(anvil.chainId(), deployed.chainId());
    assertTrue(deployed.factsRegistryUnproven());
    assertEquals(
        "0x042c0f2214c4feb397b9226fa7114496fe6ffd039cd9d81d22f404b22cc6e4c1",
        deployed.programHash());
    String code =
        anvil
            .web3j()
            .ethGetCode(deployed.hdpExecutionStore(), DefaultBlockParameterName.LATEST)
            .send()
            .getCode();
    assertTrue(code.length() > 100);
  }
}
