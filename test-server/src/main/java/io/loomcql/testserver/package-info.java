/**
 * A scriptable CQL server for tests and benchmarks: {@link io.loomcql.testserver.CqlTestServer}
 * (one node) and {@link io.loomcql.testserver.CqlTestCluster} (several), the {@link
 * io.loomcql.testserver.Reply} a request gets, the {@link io.loomcql.testserver.Responder} and
 * {@link io.loomcql.testserver.Match} rules that choose it, and {@link
 * io.loomcql.testserver.RecordedRequest}, what the server received.
 */
package io.loomcql.testserver;
