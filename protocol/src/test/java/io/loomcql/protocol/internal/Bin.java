package io.loomcql.protocol.internal;

import io.loomcql.wire.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/** A small DSL to write expected wire bytes readably: {@code Bin.of().short_(1).string("a")}. */
final class Bin {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bin of() {
    return new Bin();
  }

  /** Bytes from hex, spaces and '|' ignored: {@code hex("04 00 | 0000")}. */
  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
  }

  static String toHex(ByteBuffer buf) {
    ByteBuffer d = buf.duplicate();
    byte[] b = new byte[d.remaining()];
    d.get(b);
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }

  Bin raw(String hex) {
    out.writeBytes(hex(hex));
    return this;
  }

  Bin raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  Bin byte_(int v) {
    out.write(v);
    return this;
  }

  Bin short_(int v) {
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  Bin int_(int v) {
    short_(v >>> 16);
    return short_(v & 0xFFFF);
  }

  Bin long_(long v) {
    int_((int) (v >>> 32));
    return int_((int) v);
  }

  Bin string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    short_(b.length);
    out.writeBytes(b);
    return this;
  }

  Bin longString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int_(b.length);
    out.writeBytes(b);
    return this;
  }

  Bin bytes(String hex) {
    byte[] b = hex(hex);
    int_(b.length);
    out.writeBytes(b);
    return this;
  }

  Bin shortBytes(String hex) {
    byte[] b = hex(hex);
    short_(b.length);
    out.writeBytes(b);
    return this;
  }

  Bin stringList(String... strings) {
    short_(strings.length);
    for (String s : strings) {
      string(s);
    }
    return this;
  }

  Bin uuid(UUID u) {
    long_(u.getMostSignificantBits());
    return long_(u.getLeastSignificantBits());
  }

  int size() {
    return out.size();
  }

  byte[] array() {
    return out.toByteArray();
  }

  ByteBuffer buffer() {
    return ByteBuffer.wrap(array());
  }

  /** These bytes as the body of a response frame with the given header fields. */
  byte[] responseFrame(int version, int flags, int stream, int opcode) {
    byte[] body = array();
    return Bin.of().byte_(0x80 | version).byte_(flags).short_(stream).byte_(opcode)
        .int_(body.length).raw(body).array();
  }

  /** A response Frame object with these bytes as body. */
  Frame frame(io.loomcql.ProtocolVersion version, int flags, int opcode) {
    return new Frame(version, flags, 0, opcode, buffer());
  }
}
