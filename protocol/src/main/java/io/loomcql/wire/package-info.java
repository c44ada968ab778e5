/**
 * The wire vocabulary a transport speaks: {@link io.loomcql.wire.Request}, the message a client
 * sends (created by the driver), and {@link io.loomcql.wire.Frame}, one protocol frame as
 * received. The codec itself (encoding, decoding, compression, v5 segments) stays internal to the
 * driver.
 */
package io.loomcql.wire;
