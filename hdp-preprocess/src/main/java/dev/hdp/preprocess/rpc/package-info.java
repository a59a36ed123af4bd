/**
 * A lean JSON-RPC client of our own on the JDK's {@link java.net.http.HttpClient}: batched calls, a
 * bound on the batches in flight, retries with exponential backoff on timeouts, HTTP 429 and 5xx,
 * typed errors naming the method and its parameters after the last try, and strict parsing of the
 * hex that nodes answer. Chosen over web3j's {@code HttpService} because the client's own CPU per
 * request is what limits batched proof fetching, and web3j's typed DTOs parse hex leniently.
 */
package dev.hdp.preprocess.rpc;
