/**
 * A scriptable CQL server for tests and benchmarks, on 127.0.0.1 (or any local address): scripted
 * answers per opcode or query text, delays, dropped requests, corrupt or truncated frames, closed
 * connections, protocol v3 to v5 (v5 segments, LZ4 and Snappy compression), server-pushed events,
 * and recorded requests for assertions. See {@link io.loomcql.testserver.CqlTestServer}.
 */
module io.loomcql.testserver {
  requires io.loomcql.protocol;

  exports io.loomcql.testserver;
}
