/**
 * Builtin runners: each owns a memory segment, validates or deduces its cells, reports its usage
 * and its PIE additional data; and the layouts that say which builtins a run may use and at what
 * ratio.
 */
package dev.hdp.cairo.builtins;
