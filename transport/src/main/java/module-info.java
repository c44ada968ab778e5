/**
 * The I/O layer of loomcql: the pluggable transport ({@code io.loomcql.transport}: the NIO
 * selector reactor by default, blocking sockets with reader virtual threads as an alternative),
 * connections to Cassandra nodes (handshake, compression, TLS, stream ids, in-flight requests,
 * coalesced writes, heartbeats) and authentication. {@code io.loomcql.transport.spi} holds the
 * types another transport implements and is given; the implementations live in the unexported
 * {@code io.loomcql.transport.internal}.
 */
module io.loomcql.transport {
  requires transitive io.loomcql.protocol;
  requires org.slf4j;
  requires jdk.jfr;

  exports io.loomcql.auth;
  exports io.loomcql.transport;
  exports io.loomcql.transport.spi;
  exports io.loomcql.transport.internal to io.loomcql.core;
}
