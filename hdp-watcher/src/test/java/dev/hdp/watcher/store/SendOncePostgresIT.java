package dev.hdp.watcher.store;

import org.junit.jupiter.api.Tag;

/** {@link SendOnceTest} on the throwaway PostgreSQL server. */
@Tag("postgres")
class SendOncePostgresIT extends SendOnceTest {
  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
