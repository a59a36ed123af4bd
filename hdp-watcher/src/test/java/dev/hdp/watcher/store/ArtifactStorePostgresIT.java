package dev.hdp.watcher.store;

import org.junit.jupiter.api.Tag;

/** {@link ArtifactStoreTest} on the throwaway PostgreSQL server. */
@Tag("postgres")
class ArtifactStorePostgresIT extends ArtifactStoreTest {
  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
