package dev.hdp.watcher.pipeline;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.json.BatchFile;
import dev.hdp.core.output.ProgramOutput;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a batch's files live ({@code DATA/batches/ID/}) and how they are read back. Writes go
 * through a temporary file and a rename, so a crash never leaves half a file.
 */
public final class BatchFiles {
  private final Path dataDir;

  public BatchFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Path folder(BatchId id) {
    return dataDir.resolve("batches").resolve(id.value());
  }

  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The batch file the preprocessor wrote. */
  public static BatchFile batchFile(BatchRecord batch) {
    String location =
        batch
            .artifact(ArtifactKind.BATCH_FILE)
            .orElseThrow(() -> new IllegalStateException(batch.id() + " has no batch file"));
    try {
      return BatchFile.parse(Files.readString(Path.of(location)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the batch file " + location, e);
    }
  }

  /**
   * The Gen2 program output of the batch, computed from its batch file. Until the HDP Cairo program
   * runs, this is the preprocessor's output, not the proven program's: UNPROVEN.
   */
  public static ProgramOutput programOutput(BatchFile file) {
    return new ProgramOutput(file.resultsRoot(), file.tasksRoot(), file.mmrMetas());
  }

  /** The batch's fact for {@code programHash}. */
  public static Bytes32 fact(BatchRecord batch, Bytes32 programHash) {
    return programOutput(batchFile(batch)).fact(programHash);
  }
}
