/**
 * JMH benchmarks, packaged as {@code benchmarks/target/benchmarks.jar} and run by {@code ./hdp
 * bench jmh [JMH options]} (see the README), never by the test suite: Cairo VM steps per second on
 * long-running programs without hints, Felt252, Poseidon and Pedersen operations per second, and
 * Keccak Merkle-Patricia proof verifications per second on the Sepolia fixtures. The plain table
 * benchmarks ({@code ./hdp bench cairo|crypto|...}) stay the figures the team reports day to day;
 * these give JMH's forks, warm-up and error bars.
 */
package dev.hdp.benchmarks;
