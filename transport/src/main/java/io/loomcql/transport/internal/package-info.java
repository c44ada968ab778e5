/**
 * The shipped transports behind the transport SPI: the NIO selector reactor and its connections,
 * the blocking-socket alternative, the handshake, stream ids, in-flight requests, TLS and the
 * timer wheel. Exported to the driver's core only.
 */
package io.loomcql.transport.internal;
