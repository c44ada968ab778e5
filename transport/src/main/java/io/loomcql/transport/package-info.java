/**
 * The pluggable transport of loomcql: the {@link io.loomcql.transport.TransportFactory} SPI (the
 * Python driver's {@code connection_class}), its two shipped implementations (the NIO selector
 * reactor, the default, and blocking sockets with one reader virtual thread per connection), and
 * the options a connection is opened with: {@link io.loomcql.transport.Compression} and
 * {@link io.loomcql.transport.SslOptions}.
 */
package io.loomcql.transport;
