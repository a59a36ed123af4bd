package dev.hdp.watcher.store;

import dev.hdp.watcher.stage.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A snapshot of one batch as stored. {@code version} grows by one with every stage change. */
public record BatchRecord(
    BatchId id,
    BatchSource source,
    String requestJson,
    List<TaskRecord> tasks,
    Stage stage,
    Optional<Failure> failure,
    Optional<ProverKind> prover,
    Map<ArtifactKind, String> artifacts,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public BatchRecord {
    tasks = List.copyOf(tasks);
    artifacts = Map.copyOf(artifacts);
  }

  /** The failed stage, present exactly when the batch is {@link Stage#FAILED}. */
  public Optional<Stage> failedStage() {
    return failure.map(Failure::stage);
  }

  public Optional<String> artifact(ArtifactKind kind) {
    return Optional.ofNullable(artifacts.get(kind));
  }
}
