/**
 * The operator node: its configuration and the {@link dev.hdp.watcher.node.Node} that wires the
 * connection pool, the task store, the Quartz scheduler and the stage handlers, with a clean stop.
 */
package dev.hdp.watcher.node;
