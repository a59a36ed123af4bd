package dev.hdp.watcher.schedule;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Raised when the node is stopping. Long handlers wait on it instead of sleeping, and return {@link
 * StageOutcome.Paused} when it is raised; the batch stays in its stage and is resumed after the
 * restart. (Threads are not interrupted: an interrupt inside H2's file I/O closes the file.)
 */
public final class StopSignal {
  private final CountDownLatch raised = new CountDownLatch(1);

  public void raise() {
    raised.countDown();
  }

  public boolean isRaised() {
    return raised.getCount() == 0;
  }

  /**
   * Waits up to {@code timeout}.
   *
   * @return true if the signal was raised (now or before)
   */
  public boolean await(Duration timeout) throws InterruptedException {
    return raised.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
