/**
 * The node's HTTP request server: applications POST HDP {@code SubmitBatchQuery} JSON and follow
 * their batch to finalization.
 *
 * <p>Routes: {@code POST /v1/batches} and HDP's {@code POST /submit-batch} (202 with the batch id,
 * the task commitments and the status URL), {@code GET /v1/batches?status=&limit=&before=} (newest
 * first, keyset paging), {@code GET /v1/batches/{id}} (stage, failure, per-task status and result
 * once finalized, stage visits, the transition log), {@code POST /v1/batches/{id}/retry}, {@code
 * DELETE /v1/batches/{id}} (cancel before submission to a prover), {@code GET
 * /v1/batches/{id}/artifacts[/cairo-input|batch|pie]}, {@code GET /v1/tasks/{commitment}}, {@code
 * GET /health}, {@code GET /metrics} (Prometheus text), {@code GET /openapi.json}.
 *
 * <p>Writes need an API key when keys are configured ({@code Authorization: Bearer KEY} or HDP's
 * {@code ?apiKey=KEY}); the node stores only SHA-256 hashes of keys and compares in constant time.
 * Each key has a token bucket. Bodies are cut off while streaming in once past the limit; tasks per
 * batch and blocks per datalake are bounded. Every refusal is a 4xx with {@code {"error":
 * {"status", "field", "reason"}}}, and no input reaches the node's threads as an uncaught
 * exception: a handler failure is a logged 500, the server keeps serving.
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver} rather than Javalin 7 (Jetty 12): it adds no
 * dependency (Javalin brings Jetty and the Kotlin runtime, several megabytes in the fat jar), the
 * dozen routes here need no framework, and reading the raw request stream makes the body limit a
 * true stream limit. With one virtual thread per exchange it sustains thousands of accepted POSTs
 * per second on loopback ({@code hdp bench server}), far above what the pipeline behind it can
 * process.
 */
package dev.hdp.watcher.server;
