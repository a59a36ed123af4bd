package dev.hdp.watcher.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;

/** An H2 file database in a test's temporary folder, migrated to the current schema. */
final class TestDatabase implements AutoCloseable {
  final HikariDataSource dataSource;

  TestDatabase(Path folder, Clock clock) {
    dataSource =
        Database.pool(Database.h2FileUrl(folder.resolve("node"), false), "sa", "", 8, "test-store");
    Migrations.migrate(dataSource, clock);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
