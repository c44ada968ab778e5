package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STARTUP: initializes the connection with a [string map] of options (CQL_VERSION is mandatory;
 * COMPRESSION, DRIVER_NAME, DRIVER_VERSION, NO_COMPACT... optional). The answer is READY or
 * AUTHENTICATE.
 *
 * @param options the options, written in the map's iteration order (copied, order kept)
 */
public record Startup(Map<String, String> options) implements Request {

  /** Option key of the CQL version ("3.0.0"). */
  public static final String CQL_VERSION = "CQL_VERSION";
  /** Option key of the compression algorithm ("lz4", "snappy"). */
  public static final String COMPRESSION = "COMPRESSION";
  /** Option key of the driver's name. */
  public static final String DRIVER_NAME = "DRIVER_NAME";
  /** Option key of the driver's version. */
  public static final String DRIVER_VERSION = "DRIVER_VERSION";

  /** Copies the options, keeping their order. */
  public Startup {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /**
   * The usual options, in this order: CQL_VERSION, then COMPRESSION, DRIVER_NAME and DRIVER_VERSION
   * when not null.
   */
  public static Startup forCqlVersion(
      String cqlVersion, String compressionOrNull, String driverName, String driverVersion) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(CQL_VERSION, cqlVersion);
    if (compressionOrNull != null) {
      options.put(COMPRESSION, compressionOrNull);
    }
    if (driverName != null) {
      options.put(DRIVER_NAME, driverName);
    }
    if (driverVersion != null) {
      options.put(DRIVER_VERSION, driverVersion);
    }
    return new Startup(options);
  }

  @Override
  public int opcode() {
    return Opcodes.STARTUP;
  }

  @Override
  public int encodedSize(ProtocolVersion version) {
    return Wire.sizeOfStringMap(options);
  }

  @Override
  public void encode(ByteBuffer dst, ProtocolVersion version) {
    Wire.writeStringMap(dst, options);
  }
}
