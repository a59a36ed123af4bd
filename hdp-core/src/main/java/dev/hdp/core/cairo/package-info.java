/**
 * How HDP hands bytes to its Cairo program: byte strings cut into 8-byte chunks read as
 * little-endian u64 felts (hdp.md §6.5), as in the Cairo program input and the header MMR leaf.
 */
package dev.hdp.core.cairo;
