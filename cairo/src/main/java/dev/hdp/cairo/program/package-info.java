/**
 * The compiled Cairo 0 program as {@code cairo-compile} writes it: bytecode, builtins, hints with
 * their references and ap tracking, identifiers, attributes and debug info. {@link
 * dev.hdp.cairo.program.ProgramLoader} reads the JSON strictly; {@link
 * dev.hdp.cairo.program.CompiledProgram} is an immutable model that the VM, the compiler and the
 * PIE code share.
 */
package dev.hdp.cairo.program;
