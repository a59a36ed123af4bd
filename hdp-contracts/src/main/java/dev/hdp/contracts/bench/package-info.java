/** Gas measurements of the contracts on a real Anvil node, printed next to Herodotus' figures. */
package dev.hdp.contracts.bench;
