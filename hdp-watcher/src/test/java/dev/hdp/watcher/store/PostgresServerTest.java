package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {
  @Test
  void missingServerBinariesAreAnErrorThatSaysHowToInstallThem(@TempDir Path empty) {
    String before = System.getProperty(PostgresServer.BIN_PROPERTY);
    System.setProperty(PostgresServer.BIN_PROPERTY, empty.toString());
    try {
      IllegalStateException missing =
          assertThrows(IllegalStateException.class, PostgresServer::findBinaries);
      assertTrue(missing.getMessage().contains("apt-get install"), missing.getMessage());
      assertTrue(missing.getMessage().contains(empty.toString()), missing.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(PostgresServer.BIN_PROPERTY);
      } else {
        System.setProperty(PostgresServer.BIN_PROPERTY, before);
      }
    }
  }
}
