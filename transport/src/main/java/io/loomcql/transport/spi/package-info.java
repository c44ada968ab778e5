/**
 * The transport SPI: what a transport implementation provides ({@link
 * io.loomcql.transport.spi.TransportFactory}, {@link io.loomcql.transport.spi.Connection}, {@link
 * io.loomcql.transport.spi.InFlightRequest}, {@link io.loomcql.transport.spi.Timer}) and what it
 * is given ({@link io.loomcql.transport.spi.ConnectionOptions}, {@link
 * io.loomcql.transport.spi.ResponseCallback}). Requests and responses travel as the protocol
 * module's {@link io.loomcql.wire.Request} and {@link io.loomcql.wire.Frame}.
 */
package io.loomcql.transport.spi;
