package dev.hdp.watcher.store;

import dev.hdp.watcher.stage.Stage;
import java.time.Instant;

/**
 * How often a batch entered a stage and how often a job started work in it (a retry or a resumed
 * run after a crash counts again).
 */
public record StageVisit(
    Stage stage, int entries, int runs, Instant firstEnteredAt, Instant lastEnteredAt) {}
