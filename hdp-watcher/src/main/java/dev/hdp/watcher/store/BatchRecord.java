package dev.hdp.watcher.store;

import dev.hdp.watcher.stage.Stage;
import java.nio.file.Path;
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

  /**
   * The local file an older node recorded for this artifact (a path or {@code file:} URI); empty
   * when the batch records none, or keeps it in the database ({@code db:KIND}) or elsewhere.
   */
  public Optional<Path> artifactFile(ArtifactKind kind) {
    return artifact(kind).flatMap(Artifacts::legacyPath);
  }
}
