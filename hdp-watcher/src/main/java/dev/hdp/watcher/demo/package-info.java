/**
 * {@code hdp demo}: the whole pipeline on a throw-away Anvil, from on-chain requests to finalized
 * results checked against an independent recomputation from plain RPC reads. {@link
 * dev.hdp.watcher.demo.DevChainScenario} (history with real state changes, deployments, requests,
 * recomputation) is shared with the integration tests and the pipeline bench.
 */
package dev.hdp.watcher.demo;
