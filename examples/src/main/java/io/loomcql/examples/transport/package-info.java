/**
 * A transport implemented outside the driver against {@code io.loomcql.transport.spi}: {@link
 * io.loomcql.examples.transport.RecordingTransport} wraps a shipped transport, counts requests and
 * responses by opcode, and fails chosen requests before they reach the node.
 */
package io.loomcql.examples.transport;
