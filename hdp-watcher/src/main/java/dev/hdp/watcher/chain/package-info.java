/**
 * The node's side of the chain: reads of the three contracts ({@link
 * dev.hdp.watcher.chain.ContractReader}), and transactions sent at most once through the intent log
 * ({@link dev.hdp.watcher.chain.IntentSender}).
 */
package dev.hdp.watcher.chain;
