package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.protocol.internal.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** {@code text}/{@code varchar} (UTF-8) and {@code ascii} (US-ASCII) as {@link String}. */
public final class TextCodec implements TypeCodec<String> {

  /** The {@code text} codec (strict UTF-8). */
  public static final TextCodec TEXT = new TextCodec(DataType.TEXT, false);
  /** The {@code ascii} codec: rejects non-ASCII characters when encoding or decoding. */
  public static final TextCodec ASCII = new TextCodec(DataType.ASCII, true);

  private final DataType type;
  private final boolean ascii;
  // For error messages, built once rather than per decoded cell.
  private final String valueName;

  private TextCodec(DataType type, boolean ascii) {
    this.type = type;
    this.ascii = ascii;
    this.valueName = "a " + type.cqlName() + " value";
  }

  @Override
  public DataType cqlType() {
    return type;
  }

  @Override
  public Class<String> javaType() {
    return String.class;
  }

  @Override
  public ByteBuffer encode(String value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    if (ascii) {
      for (int i = 0; i < value.length(); i++) {
        if (value.charAt(i) >= 0x80) {
          throw new IllegalArgumentException("An ascii value cannot hold the non-ASCII character '"
              + value.charAt(i) + "' at index " + i);
        }
      }
      return ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII));
    }
    return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String decode(ByteBuffer bytes, ProtocolVersion version) {
    return bytes == null ? null : decodeAt(bytes, bytes.position(), bytes.remaining());
  }

  /** Decodes the cell at absolute {@code offset} ({@code length} -1 = null). */
  public String decodeAt(ByteBuffer content, int offset, int length) {
    if (length < 0) {
      return null;
    }
    CodecSupport.checkRange(content, offset, length, type.cqlName());
    if (ascii) {
      for (int i = 0; i < length; i++) {
        if (content.get(offset + i) < 0) {
          throw new ProtocolException("An ascii value holds the non-ASCII byte 0x"
              + Integer.toHexString(content.get(offset + i) & 0xFF) + " at index " + i);
        }
      }
    }
    return Wire.decodeUtf8(content, offset, length, valueName);
  }
}
