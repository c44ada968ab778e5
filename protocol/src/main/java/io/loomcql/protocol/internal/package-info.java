/**
 * The native protocol codec, for the driver's own modules: frames ({@link
 * io.loomcql.protocol.internal.FrameCodec}, {@link io.loomcql.protocol.internal.FrameDecoder}), v5
 * segments ({@link io.loomcql.protocol.internal.SegmentEncoder}, {@link
 * io.loomcql.protocol.internal.SegmentDecoder}), request and response messages, and the wire
 * primitives ({@link io.loomcql.protocol.internal.Wire}). Not part of the public API.
 */
package io.loomcql.protocol.internal;
