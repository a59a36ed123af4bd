package dev.hdp.contracts.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedContractsTest {
  private static final String A = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String B = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
  private static final String C = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
  private static final String HASH = "0x" + "ab".repeat(32);

  @Test
  void roundTripsThroughTheFile(@TempDir Path dir) throws IOException {
    var deployed = new DeployedContracts(31337, A, B, C, true, HASH, 7);
    Path file = dir.resolve("sub/contracts.json");
    deployed.write(file);
    assertEquals(deployed, DeployedContracts.read(file));
  }

  @Test
  void namesTheBadField() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DeployedContracts(1, "0x1234", B, C, false, HASH, 0));
    assertTrue(e.getMessage().startsWith("hdpExecutionStore"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DeployedContracts(1, A, B, C, false, "0x12", 0));
    assertTrue(e.getMessage().startsWith("programHash"), e.getMessage());
  }

  @Test
  void refusesAFileWithAMissingField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("contracts.json");
    Files.writeString(file, "{\"chainId\": 1, \"hdpExecutionStore\": \"" + A + "\"}");
    var e = assertThrows(IOException.class, () -> DeployedContracts.read(file));
    assertTrue(e.getMessage().contains("headersAccumulator"), e.getMessage());
  }
}
