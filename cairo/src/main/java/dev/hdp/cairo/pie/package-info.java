/**
 * Cairo PIEs (position-independent executions): the zip format that SHARP and Atlantic take,
 * written from a run, read back strictly, validated as {@code cairo_pie.py} does, re-run from their
 * stripped program; and the fact ({@code keccak(program hash ‖ output root)}) they prove.
 */
package dev.hdp.cairo.pie;
