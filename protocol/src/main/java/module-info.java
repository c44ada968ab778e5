/**
 * The CQL native protocol (v3, v4 and v5) and the vocabulary every loomcql module speaks.
 *
 * <p>Exported to everyone: {@code io.loomcql} (consistency levels, protocol versions, the exception
 * tree) and {@code io.loomcql.cqltypes} (CQL data types). The wire codec itself (frames, v5 segments,
 * messages, type codecs) lives in {@code io.loomcql.protocol.internal} and its sub-packages, exported
 * only to the sibling modules of the driver. Compression uses lz4-java and snappy-java, which load
 * native libraries when they can (on JDK 24+ pass {@code --enable-native-access=org.lz4.java,
 * org.xerial.snappy} on the module path, or {@code ALL-UNNAMED} on the class path, to silence the
 * JDK's warning).
 */
module io.loomcql.protocol {
  requires org.lz4.java;
  requires org.xerial.snappy;

  exports io.loomcql;
  exports io.loomcql.cqltypes;
  exports io.loomcql.node;
  exports io.loomcql.wire;
  // Each internal package goes to exactly the modules whose main code imports it.
  exports io.loomcql.node.internal to
      io.loomcql.core;
  exports io.loomcql.protocol.internal to
      io.loomcql.transport,
      io.loomcql.core,
      io.loomcql.metadata,
      io.loomcql.testserver;
  exports io.loomcql.protocol.internal.codec to
      io.loomcql.core;
}
