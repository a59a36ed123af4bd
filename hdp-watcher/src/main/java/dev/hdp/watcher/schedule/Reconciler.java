package dev.hdp.watcher.schedule;

import dev.hdp.watcher.stage.Stage;
import dev.hdp.watcher.stage.StageFamily;
import dev.hdp.watcher.store.BatchRecord;
import dev.hdp.watcher.store.TaskStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure every batch that a job should move on has that job. The stage change and the Quartz
 * job are written in two transactions, and a node stopping mid-stage leaves a batch in its working
 * stage with no job; this sweep (at start-up and then periodically) closes those gaps. It is safe
 * to run any time: planning a job that exists does nothing.
 */
public final class Reconciler {
  private final TaskStore store;
  private final JobPlanner planner;

  public Reconciler(TaskStore store, JobPlanner planner) {
    this.store = store;
    this.planner = planner;
  }

  /** The stages in which a batch needs a job of its own. */
  static List<Stage> stagesNeedingJobs() {
    List<Stage> stages = new ArrayList<>();
    stages.add(Stage.RECEIVED);
    for (StageFamily family : StageFamily.values()) {
      if (!family.polled()) {
        stages.add(family.ready());
        stages.add(family.working());
      }
    }
    return stages;
  }

  /**
   * Plans a job for every batch that needs one.
   *
   * @return how many batches were looked at
   */
  public int reconcile() {
    List<BatchRecord> batches = store.inStages(stagesNeedingJobs());
    for (BatchRecord batch : batches) {
      planner.plan(batch.id());
    }
    return batches.size();
  }
}
