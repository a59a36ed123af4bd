/**
 * Runs the pipeline: the stage handler interfaces the work plugs into, the services that drive a
 * batch through one stage family, and the Quartz jobs (JDBC job store, same database) that call
 * them.
 *
 * <p>Quartz jobs here are thin adapters: they read the batch id, call {@link
 * dev.hdp.watcher.schedule.StageRunner} or {@link dev.hdp.watcher.schedule.FactChecker}, and
 * return. The runners take the store, an injected {@link java.time.Clock} and a {@link
 * dev.hdp.watcher.schedule.JobPlanner}, so they can be tested without a scheduler. A job killed
 * half-way is re-run after a restart (Quartz "request recovery", plus {@link
 * dev.hdp.watcher.schedule.Reconciler} for batches that lost their job); the compare-and-set on the
 * batch stage and the intent log make that re-run safe.
 */
package dev.hdp.watcher.schedule;
