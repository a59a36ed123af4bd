/**
 * The HDP Cairo program's Gen2 output and its SHARP fact: {@code [resultsRootLow, resultsRootHigh,
 * tasksRootLow, tasksRootHigh, (mmrId, mmrSize, chainId, mmrRoot)…]} and {@code
 * keccak256(programHash ‖ keccak256(output words))} (hdp.md §0, §5.2).
 */
package dev.hdp.core.output;
