package dev.hdp.watcher.store;

import org.junit.jupiter.api.Tag;

/** {@link TaskStoreTest} on the throwaway PostgreSQL server. */
@Tag("postgres")
class TaskStorePostgresIT extends TaskStoreTest {
  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
