package io.loomcql.transport.internal;

import java.nio.ByteBuffer;

/**
 * The shape of the protocol module's {@code Compressor}, so the transport builds before that lands;
 * {@link FrameCompression#forName} returns none yet, so every connection negotiates no compression.
 */
interface Compressor {
  String name();

  ByteBuffer compress(ByteBuffer in);

  ByteBuffer decompress(ByteBuffer in);
}
