package dev.hdp.watcher.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("postgres")
class PostgresServerIT {
  @Test
  void aServerGivesFreshDatabasesAndIsGoneWithItsFilesWhenClosed() throws Exception {
    Path directory;
    String url;
    try (PostgresServer server = PostgresServer.start()) {
      directory = server.directory();
      url = server.createDatabase();
      String other = server.createDatabase();
      assertNotEquals(url, other);
      try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
        rows.next();
        assertEquals(0, rows.getInt(1), "a new database is empty");
      }
    }
    assertFalse(Files.exists(directory), directory + " deleted");
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(url, PostgresServer.USER, "").close());
  }
}
