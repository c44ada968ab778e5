package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import java.nio.ByteBuffer;

/**
 * A message the client sends (section 4.1 of the specification). {@link FrameCodec#encode} sizes
 * the body with {@link #encodedSize}, allocates once, and writes it with {@link #encode}.
 *
 * <p>Both methods throw {@link io.loomcql.UnsupportedFeatureException} when the message uses a
 * feature that {@code version} lacks, and {@link IllegalArgumentException} for values that cannot
 * be encoded (a [string] longer than 65535 bytes, more than 65535 values...).
 */
public sealed interface Request
    permits Options, Startup, Register, AuthResponse, Query, Prepare, Execute, Batch {

  /** The message's opcode ({@link Opcodes}). */
  int opcode();

  /** The exact number of bytes {@link #encode} writes for {@code version}. */
  int encodedSize(ProtocolVersion version);

  /** Writes the message body at {@code dst}'s position, advancing it by {@link #encodedSize}. */
  void encode(ByteBuffer dst, ProtocolVersion version);
}
