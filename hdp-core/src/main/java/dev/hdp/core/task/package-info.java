/**
 * HDP Gen2 tasks: the two datalakes ({@link dev.hdp.core.task.BlockSampledDatalake}, {@link
 * dev.hdp.core.task.TransactionsInBlockDatalake}), their sampled properties and fields, the
 * computation (aggregate function, operator, value) and the task commitments, byte-compatible with
 * HDP v0.4–v0.7 and hdp-cairo v0.0.10 (see {@code reference/hdp.md} §2–3).
 *
 * <p>Every value type validates itself in its constructor and throws {@link
 * dev.hdp.core.task.TaskValidationException} naming the field; decoders translate that into {@link
 * dev.hdp.core.abi.AbiDecodingException}, the JSON reader into a message with the JSON path.
 */
package dev.hdp.core.task;
