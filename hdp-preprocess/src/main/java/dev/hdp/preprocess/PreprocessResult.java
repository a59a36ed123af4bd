package dev.hdp.preprocess;

import dev.hdp.core.bytes.UInt256;
import dev.hdp.core.json.BatchFile;
import java.util.List;

/**
 * What preprocessing a batch produces: the batch file (what {@code authenticateTaskExecution}
 * needs), the Cairo program input, and per task the verified values that went into its result.
 */
public record PreprocessResult(BatchFile batch, String cairoInputJson, List<List<UInt256>> values) {
  /** Copies the lists. */
  public PreprocessResult {
    values = values.stream().map(List::copyOf).toList();
  }
}
