/**
 * The transport of loomcql as users configure it: the two shipped implementations ({@link
 * io.loomcql.transport.Transports}: the NIO selector reactor, the default, and blocking sockets
 * with one reader virtual thread per connection), the options a connection is opened with ({@link
 * io.loomcql.transport.Compression}, {@link io.loomcql.transport.SslOptions}) and the counters
 * they keep. The SPI another transport implements is in {@code io.loomcql.transport.spi}.
 */
package io.loomcql.transport;
