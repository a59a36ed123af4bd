package dev.hdp.watcher.pipeline;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.output.ProgramOutput;
import dev.hdp.watcher.schedule.StageContext;
import dev.hdp.watcher.schedule.StageOutcome;
import dev.hdp.watcher.store.ProverKind;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gets a batch's fact proven: the dev prover marks it valid on the development registry (no proof,
 * UNPROVEN), SHARP and Atlantic clients will submit the Cairo PIE. Submitting must be idempotent
 * (through the intent log): it may run again after a crash. Whether the fact is valid is then
 * checked by the fact-check cron on the facts registry, whatever the prover.
 */
public interface Prover {
  /** What to prove: the program's output, the program hash, the fact they make, and the PIE. */
  record Job(ProgramOutput output, Bytes32 programHash, Bytes32 fact, Optional<Path> pie) {}

  ProverKind kind();

  /**
   * Hands the job to the prover.
   *
   * @return {@link StageOutcome.Done} once submitted, {@link StageOutcome.NotYet} to come back
   */
  StageOutcome submit(Job job, StageContext context) throws InterruptedException;
}
