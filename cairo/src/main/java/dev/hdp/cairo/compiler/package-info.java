/**
 * A Cairo 0 compiler: parses {@code .cairo} sources with their imports and produces the {@code
 * cairo-compile} JSON program (bytecode, hints, identifiers, references, debug info), matching
 * StarkWare's compiler word for word on the programs it supports.
 */
package dev.hdp.cairo.compiler;
