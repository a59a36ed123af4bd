package dev.hdp.watcher.pipeline;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.json.BatchFile;
import dev.hdp.core.output.ProgramOutput;
import dev.hdp.watcher.store.ArtifactKind;
import dev.hdp.watcher.store.BatchId;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.TaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's artifacts: read back through the store (the database holds them, so any node of a
 * cluster can read them), with copies under {@code DATA/batches/ID/} for operators. Copies are
 * written through a temporary file and a rename, so a crash never leaves half a file.
 */
public final class BatchFiles {
  private static final Logger LOG = LoggerFactory.getLogger(BatchFiles.class);
  private final Path dataDir;

  public BatchFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  private Path folder(BatchId id) {
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

  /**
   * The batch file the preprocessor wrote, read through the store: from the database, or from the
   * file an older node recorded.
   */
  public static BatchFile batchFile(TaskStore store, BatchRecord batch) {
    byte[] content =
        store
            .readArtifact(batch, ArtifactKind.BATCH_FILE)
            .orElseThrow(() -> new IllegalStateException(batch.id() + " has no batch file"));
    return BatchFile.parse(new String(content, StandardCharsets.UTF_8));
  }

  /**
   * Writes a copy of an artifact under {@code DATA/batches/ID/} for operators and local tools; the
   * database holds the artifact, so a copy that cannot be written is only logged.
   */
  void writeCopy(BatchId id, String name, String content) {
    Path file = folder(id).resolve(name);
    try {
      write(file, content);
    } catch (UncheckedIOException e) {
      LOG.warn("cannot write the operator copy {} of batch {}: {}", file, id, e.getMessage());
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
  public static Bytes32 fact(TaskStore store, BatchRecord batch, Bytes32 programHash) {
    return programOutput(batchFile(store, batch)).fact(programHash);
  }
}
