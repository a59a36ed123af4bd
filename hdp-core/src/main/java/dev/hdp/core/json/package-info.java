/**
 * HDP's JSON shapes: the {@code SubmitBatchQuery} request (camelCase, what the HDP server takes)
 * and the batch file ({@code batch.json}, snake_case, what {@code hdp run -b} writes).
 *
 * <p>Parsing walks Jackson's tree model by hand instead of binding to DTOs, so that every error
 * names the JSON path of the bad value and the rule it breaks (for example {@code
 * tasks[0].datalake.blockRangeEnd: must be >= blockRangeStart (5858987)}), unknown and duplicate
 * properties are rejected, and numbers are never silently rounded. {@link
 * dev.hdp.core.json.JsonObject} is that strict reader; other modules' JSON formats (chain-data
 * files) use it too. Writing reproduces the layout of Rust's {@code serde_json::to_string_pretty},
 * byte for byte.
 */
package dev.hdp.core.json;
