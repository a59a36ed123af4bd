/**
 * Runs a compiled program: sets up segments, builtins and the entrypoint (normal or proof mode),
 * runs to the end, reads the builtins' stop pointers, runs the end-of-run security checks, reports
 * execution resources and relocates memory and trace to flat addresses.
 */
package dev.hdp.cairo.runner;
