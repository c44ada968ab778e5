/**
 * The I/O layer of loomcql: a hand-written NIO selector reactor, connections to Cassandra nodes
 * (handshake, stream ids, in-flight requests, coalesced writes) and authentication.
 */
module io.loomcql.transport {
  requires transitive io.loomcql.protocol;
  requires org.slf4j;

  exports io.loomcql.auth;
  exports io.loomcql.transport.internal to io.loomcql.core;
}
