package dev.hdp.watcher.server;

/**
 * One part of the node that {@code GET /health} asks about (the database, the scheduler, the
 * chain).
 */
@FunctionalInterface
public interface HealthCheck {
  /**
   * @return a short description of the healthy state (e.g. "block 1234")
   * @throws Exception when unhealthy, with the reason as the message
   */
  String check() throws Exception;
}
