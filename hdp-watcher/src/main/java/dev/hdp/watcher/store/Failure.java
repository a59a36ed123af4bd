package dev.hdp.watcher.store;

import dev.hdp.watcher.stage.Stage;

/** Why a batch is {@code FAILED}, and in which stage; a retry re-enters that stage. */
public record Failure(Stage stage, String reason) {}
