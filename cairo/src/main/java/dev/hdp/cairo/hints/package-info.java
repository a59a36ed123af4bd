/**
 * Hints without Python: a {@link dev.hdp.cairo.hints.HintProcessor} matches each hint's code
 * exactly against registered Java implementations. {@link dev.hdp.cairo.hints.HintContext} gives
 * them what Python hints see: {@code ids} (references with ap-tracking correction and struct
 * members), scopes, constants, {@code program_input}, segments, builtins and a dict manager. {@link
 * dev.hdp.cairo.hints.CommonHints} has StarkWare's common-library hints; other modules register
 * their own.
 */
package dev.hdp.cairo.hints;
