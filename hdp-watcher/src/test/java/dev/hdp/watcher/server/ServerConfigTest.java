package dev.hdp.watcher.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static Properties properties(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void noPortMeansNoServer() {
    assertNull(ServerConfig.fromProperties(properties("hdp.node.id", "n")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.fromProperties(properties("hdp.server.maxTasksPerBatch", "3")));
    assertTrue(e.getMessage().contains("hdp.server.port is not set"), e.getMessage());
  }

  @Test
  void readsLimitsAndHashedKeys() {
    String hash = HexFormat.of().formatHex(ApiKeys.sha256("secret"));
    ServerConfig config =
        ServerConfig.fromProperties(
            properties(
                "hdp.server.port", "8547",
                "hdp.server.host", "0.0.0.0",
                "hdp.server.maxTasksPerBatch", "8",
                "hdp.server.rateLimit.perSecond", "2.5",
                "hdp.server.apiKey.alice", hash));
    assertEquals(8547, config.port());
    assertEquals(8, config.maxTasksPerBatch());
    assertEquals(2.5, config.ratePerSecond());
    assertArrayEquals(ApiKeys.sha256("secret"), config.apiKeys().get("alice"));
    assertTrue(new ApiKeys(config.apiKeys()).identify("secret").isPresent());
    assertTrue(new ApiKeys(config.apiKeys()).identify("secreT").isEmpty());
    assertTrue(!config.toString().contains(hash));
  }

  @Test
  void refusesTyposPlainKeysAndAnOpenNonLoopbackServer() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServerConfig.fromProperties(
                properties("hdp.server.port", "1", "hdp.server.maxBody", "1")));
    IllegalArgumentException plain =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ServerConfig.fromProperties(
                    properties("hdp.server.port", "1", "hdp.server.apiKey.bob", "my-secret")));
    assertTrue(plain.getMessage().contains("SHA-256"), plain.getMessage());
    IllegalArgumentException open =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ServerConfig.fromProperties(
                    properties("hdp.server.port", "1", "hdp.server.host", "0.0.0.0")));
    assertTrue(open.getMessage().contains("not loopback"), open.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.loopback(70000));
    assertEquals(Map.of(), ServerConfig.loopback(0).apiKeys());
  }

  @Test
  void theNodeConfigurationCarriesTheServerSettings() {
    assertTrue(
        dev.hdp.watcher.node.NodeConfig.fromProperties(properties("hdp.node.id", "n"))
            .server()
            .isEmpty());
    assertEquals(
        1234,
        dev.hdp.watcher.node.NodeConfig.fromProperties(properties("hdp.server.port", "1234"))
            .server()
            .orElseThrow()
            .port());
    IllegalArgumentException typo =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                dev.hdp.watcher.node.NodeConfig.fromProperties(
                    properties("hdp.server.port", "1", "hdp.server.prot", "2")));
    assertTrue(typo.getMessage().contains("hdp.server.prot"), typo.getMessage());
  }
}
