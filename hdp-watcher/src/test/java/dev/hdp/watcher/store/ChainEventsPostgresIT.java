package dev.hdp.watcher.store;

import org.junit.jupiter.api.Tag;

/** {@link ChainEventsTest} on the throwaway PostgreSQL server. */
@Tag("postgres")
class ChainEventsPostgresIT extends ChainEventsTest {
  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
