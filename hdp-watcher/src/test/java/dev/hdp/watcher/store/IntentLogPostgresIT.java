package dev.hdp.watcher.store;

import org.junit.jupiter.api.Tag;

/** {@link IntentLogTest} on the throwaway PostgreSQL server. */
@Tag("postgres")
class IntentLogPostgresIT extends IntentLogTest {
  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
