/** The on-chain side: Solidity artifacts, generated wrappers and deploy helpers. */
package dev.hdp.contracts;
