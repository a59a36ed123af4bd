/** Benchmarks of the Cairo VM (steps per second) and of the hashes its builtins use. */
package dev.hdp.cairo.bench;
