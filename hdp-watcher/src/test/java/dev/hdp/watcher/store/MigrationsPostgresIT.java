package dev.hdp.watcher.store;

import org.junit.jupiter.api.Tag;

/** {@link MigrationsTest} on the throwaway PostgreSQL server. */
@Tag("postgres")
class MigrationsPostgresIT extends MigrationsTest {
  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
