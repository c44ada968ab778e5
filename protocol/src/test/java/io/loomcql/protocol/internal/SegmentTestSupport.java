package io.loomcql.protocol.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

final class SegmentTestSupport {

  private SegmentTestSupport() {}

  static byte[] concat(List<ByteBuffer> buffers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer b : buffers) {
      ByteBuffer d = b.duplicate();
      byte[] a = new byte[d.remaining()];
      d.get(a);
      out.writeBytes(a);
    }
    return out.toByteArray();
  }
}
