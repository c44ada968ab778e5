package io.loomcql.wire;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.AuthResponse;
import io.loomcql.protocol.internal.Batch;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.Options;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.Register;
import io.loomcql.protocol.internal.Startup;
import java.nio.ByteBuffer;

/**
 * A message the client sends (section 4.1 of the specification). The driver creates them; a
 * transport passes them on, and encodes a frame's body by sizing it with {@link #encodedSize},
 * allocating once, and writing it with {@link #encode}.
 *
 * <p>Both methods throw {@link io.loomcql.UnsupportedFeatureException} when the message uses a
 * feature that {@code version} lacks, and {@link IllegalArgumentException} for values that cannot
 * be encoded (a [string] longer than 65535 bytes, more than 65535 values...).
 */
public sealed interface Request
    permits Options, Startup, Register, AuthResponse, Query, Prepare, Execute, Batch {

  /** The message's opcode (section 2.4 of the specification). */
  int opcode();

  /** The exact number of bytes {@link #encode} writes for {@code version}. */
  int encodedSize(ProtocolVersion version);

  /** Writes the message body at {@code dst}'s position, advancing it by {@link #encodedSize}. */
  void encode(ByteBuffer dst, ProtocolVersion version);
}
