package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.UnsupportedFeatureException;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PREPARE: prepares a CQL string (section 4.1.5). On v5 the body also has an [int] of flags and,
 * with flag 0x01, the keyspace to prepare it in.
 *
 * @param cql the CQL text
 * @param keyspaceOrNull the keyspace (v5 only), or null for the connection's
 */
public record Prepare(String cql, String keyspaceOrNull) implements Request {

  private static final int WITH_KEYSPACE = 0x01;

  /** Checks the CQL is given. */
  public Prepare {
    Objects.requireNonNull(cql, "cql");
  }

  /** A PREPARE without keyspace. */
  public Prepare(String cql) {
    this(cql, null);
  }

  @Override
  public int opcode() {
    return Opcodes.PREPARE;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    check(version);
    int size = Wire.sizeOfLongString(cql);
    if (version.isAtLeast(ProtocolVersion.V5)) {
      size += 4;
      if (keyspaceOrNull != null) {
        size += Wire.sizeOfString(keyspaceOrNull);
      }
    }
    return size;
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    check(version);
    Wire.writeLongString(dst, cql);
    if (version.isAtLeast(ProtocolVersion.V5)) {
      dst.putInt(keyspaceOrNull == null ? 0 : WITH_KEYSPACE);
      if (keyspaceOrNull != null) {
        Wire.writeString(dst, keyspaceOrNull);
      }
    }
  }

  private void check(ProtocolVersion version) {
    if (keyspaceOrNull != null && !version.isAtLeast(ProtocolVersion.V5)) {
      throw new UnsupportedFeatureException(
          "Preparing in a given keyspace needs protocol v5 or later, the connection uses "
              + version);
    }
  }
}
