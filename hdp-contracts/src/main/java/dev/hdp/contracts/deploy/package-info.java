/**
 * Deploying the three contracts (dev facts registry, headers accumulator, execution store) and the
 * addresses file the node reads.
 */
package dev.hdp.contracts.deploy;
