package dev.hdp.watcher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
  @TempDir Path folder;

  @Test
  void loadsAPropertiesFileOverTheDefaults() throws IOException {
    Path file = folder.resolve("node.properties");
    Files.writeString(
        file,
        """
        hdp.db.path=%s
        hdp.node.id=node-7
        hdp.node.clustered=true
        hdp.schedule.factCheckCron=0/30 * * * * ?
        hdp.schedule.accumulatorInterval=PT0S
        hdp.db.password=s3cret
        """
            .formatted(folder.resolve("data").resolve("node")));
    NodeConfig config = NodeConfig.load(file);
    assertTrue(
        config.jdbcUrl().startsWith("jdbc:h2:file:" + folder.resolve("data")), config.jdbcUrl());
    assertEquals("node-7", config.nodeId());
    assertTrue(config.clustered());
    assertEquals("0/30 * * * * ?", config.factCheckCron());
    assertEquals(Duration.ZERO, config.accumulatorInterval());
    assertEquals(NodeConfig.defaults(folder).reconcileInterval(), config.reconcileInterval());
    assertFalse(config.toString().contains("s3cret"), config.toString());
  }

  @Test
  void refusesMistakesNamingTheKey() {
    assertEquals(
        "unknown node settings: [hdp.node.idd]",
        assertThrows(IllegalArgumentException.class, () -> load("hdp.node.idd", "x")).getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> load("hdp.schedule.factCheckCron", "every minute"))
            .getMessage()
            .startsWith("hdp.schedule.factCheckCron"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> load("hdp.schedule.idleWait", "PT0.5S"))
            .getMessage()
            .startsWith("hdp.schedule.idleWait"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> load("hdp.schedule.reconcileInterval", "60"))
            .getMessage()
            .contains("ISO-8601"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> load("hdp.node.id", "node 1"))
            .getMessage()
            .startsWith("hdp.node.id"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> load("hdp.node.clustered", "yes"))
            .getMessage()
            .startsWith("hdp.node.clustered"));
    Properties both = new Properties();
    both.setProperty("hdp.db.path", "/tmp/x");
    both.setProperty("hdp.db.url", "jdbc:postgresql://db/hdp");
    assertThrows(IllegalArgumentException.class, () -> NodeConfig.fromProperties(both));
  }

  private static NodeConfig load(String key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    return NodeConfig.fromProperties(properties);
  }
}
