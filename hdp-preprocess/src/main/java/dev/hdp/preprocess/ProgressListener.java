package dev.hdp.preprocess;

/** Told about progress on long batches (e.g. to draw a progress line on stderr). */
@FunctionalInterface
public interface ProgressListener {
  /** Nothing is reported. */
  ProgressListener NONE = (task, tasks, done, total) -> {};

  /**
   * Called after each verified item: {@code done} of {@code total} items of task {@code task}
   * (0-based) of {@code tasks}.
   */
  void itemVerified(int task, int tasks, long done, long total);
}
