package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.contracts.deploy.DeployedContracts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class OperatorNodeConfigTest {
  private static final String OPERATOR = NodeTestFiles.OPERATOR_KEY;
  private static final String PROVER = NodeTestFiles.PROVER_KEY;

  @TempDir Path dir;
  private DeployedContracts contracts;

  @BeforeEach
  void contractsFile() throws Exception {
    contracts = NodeTestFiles.writeAnvilContracts(dir.resolve("data/contracts.json"));
  }

  @Test
  void aPropertiesFileSetsBothHalvesAndResolvesPathsAgainstItsFolder() throws Exception {
    Path file = dir.resolve("node.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "hdp.chain.rpc=http://127.0.0.1:8545",
            "hdp.chain.contracts=data/contracts.json",
            "hdp.data.dir=files",
            "hdp.db.path=data/node",
            "hdp.keys.operator=" + OPERATOR,
            "hdp.keys.devProver=" + PROVER,
            "hdp.watch.confirmations=2",
            "hdp.watch.pollInterval=PT0.25S",
            "hdp.schedule.factCheckCron=*/2 * * * * ?",
            "hdp.node.id=op-7"));
    OperatorNode.Settings settings = OperatorNode.load(file);
    assertEquals(contracts, settings.pipeline().contracts());
    assertEquals(dir.resolve("files"), settings.pipeline().dataDir());
    assertEquals(
        Credentials.create(OPERATOR).getAddress(), settings.pipeline().operator().getAddress());
    assertEquals(2, settings.pipeline().confirmations());
    assertEquals(Duration.ofMillis(250), settings.pipeline().pollInterval());
    assertEquals(12, settings.pipeline().mmrFirstBlock(), "the MMR starts at the deploy block");
    assertEquals("op-7", settings.node().nodeId());
    assertEquals("*/2 * * * * ?", settings.node().factCheckCron());
    assertTrue(settings.node().jdbcUrl().contains(dir.resolve("data/node").toString()));
    assertTrue(!settings.pipeline().toString().contains(OPERATOR.substring(2)), "keys never print");
  }

  @Test
  void aJsonFileWorksTooAndATypoIsRefused() throws Exception {
    Path json = dir.resolve("node.json");
    Files.writeString(
        json,
        "{\"hdp.chain.rpc\": \"http://127.0.0.1:8545\", \"hdp.chain.contracts\":"
            + " \"data/contracts.json\", \"hdp.keys.operator\": \""
            + OPERATOR
            + "\","
            + " \"hdp.keys.devProver\": \""
            + PROVER
            + "\", \"hdp.watch.confirmations\": 0}");
    assertEquals(0, OperatorNode.load(json).pipeline().confirmations());
    Files.writeString(
        json,
        "{\"hdp.chain.rpc\": \"http://127.0.0.1:8545\", \"hdp.chain.contracts\":"
            + " \"data/contracts.json\", \"hdp.keys.operator\": \""
            + OPERATOR
            + "\","
            + " \"hdp.keys.devProver\": \""
            + PROVER
            + "\", \"hdp.watch.confirmation\": 0}");
    IllegalArgumentException typo =
        assertThrows(IllegalArgumentException.class, () -> OperatorNode.load(json));
    assertTrue(typo.getMessage().contains("hdp.watch.confirmation"), typo.getMessage());
  }

  @Test
  void aMissingKeyIsNamed() throws Exception {
    Path file = dir.resolve("node.properties");
    Files.writeString(
        file, "hdp.chain.rpc=http://127.0.0.1:8545\nhdp.chain.contracts=data/contracts.json\n");
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> OperatorNode.load(file));
    assertTrue(missing.getMessage().contains("hdp.keys.operator"), missing.getMessage());
  }
}
