package io.loomcql.protocol.internal;

import io.loomcql.AlreadyExistsException;
import io.loomcql.AuthenticationFailedException;
import io.loomcql.CASWriteUnknownException;
import io.loomcql.CDCWriteFailureException;
import io.loomcql.ConfigurationException;
import io.loomcql.ConsistencyLevel;
import io.loomcql.DriverException;
import io.loomcql.FunctionFailureException;
import io.loomcql.InvalidRequestException;
import io.loomcql.IsBootstrappingException;
import io.loomcql.OverloadedException;
import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.ReadFailureException;
import io.loomcql.ReadTimeoutException;
import io.loomcql.ServerErrorException;
import io.loomcql.ServerException;
import io.loomcql.SyntaxException;
import io.loomcql.TruncateException;
import io.loomcql.UnauthorizedException;
import io.loomcql.UnavailableException;
import io.loomcql.UnpreparedException;
import io.loomcql.WriteFailureException;
import io.loomcql.WriteTimeoutException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ERROR (section 4.2.1 and 9): the server's error code and message, and the exception built from
 * the whole body, with every field of that code in the v4 or v5 form.
 *
 * @param code the error code
 * @param message the server's message
 * @param exception the matching exception: a {@link ServerException} subclass, a {@link
 *     ProtocolException} for 0x000A, or a {@link ServerErrorException} keeping an unknown code
 */
public record ErrorResponse(int code, String message, DriverException exception)
    implements Response {

  public static final int SERVER_ERROR = 0x0000;
  public static final int PROTOCOL_ERROR = 0x000A;
  public static final int BAD_CREDENTIALS = 0x0100;
  public static final int UNAVAILABLE = 0x1000;
  public static final int OVERLOADED = 0x1001;
  public static final int IS_BOOTSTRAPPING = 0x1002;
  public static final int TRUNCATE_ERROR = 0x1003;
  public static final int WRITE_TIMEOUT = 0x1100;
  public static final int READ_TIMEOUT = 0x1200;
  public static final int READ_FAILURE = 0x1300;
  public static final int FUNCTION_FAILURE = 0x1400;
  public static final int WRITE_FAILURE = 0x1500;
  public static final int CDC_WRITE_FAILURE = 0x1600;
  public static final int CAS_WRITE_UNKNOWN = 0x1700;
  public static final int SYNTAX_ERROR = 0x2000;
  public static final int UNAUTHORIZED = 0x2100;
  public static final int INVALID = 0x2200;
  public static final int CONFIG_ERROR = 0x2300;
  public static final int ALREADY_EXISTS = 0x2400;
  public static final int UNPREPARED = 0x2500;

  static ErrorResponse decode(ByteBuffer buf, ProtocolVersion version) {
    int code = Wire.readInt(buf);
    String message = Wire.readString(buf);
    return new ErrorResponse(code, message, exception(code, message, buf, version));
  }

  private static DriverException exception(
      int code, String msg, ByteBuffer buf, ProtocolVersion version) {
    return switch (code) {
      case PROTOCOL_ERROR ->
          new ProtocolException(String.format(
              "Error from server: code=%04x [%s] message=\"%s\"",
              code, ServerException.summaryOf(code), msg));
      case SERVER_ERROR -> new ServerErrorException(msg);
      case BAD_CREDENTIALS -> new AuthenticationFailedException(msg);
      case UNAVAILABLE -> unavailable(msg, buf);
      case OVERLOADED -> new OverloadedException(msg);
      case IS_BOOTSTRAPPING -> new IsBootstrappingException(msg);
      case TRUNCATE_ERROR -> new TruncateException(msg);
      case WRITE_TIMEOUT -> writeTimeout(msg, buf, version);
      case READ_TIMEOUT -> readTimeout(msg, buf);
      case READ_FAILURE -> readFailure(msg, buf, version);
      case FUNCTION_FAILURE -> functionFailure(msg, buf);
      case WRITE_FAILURE -> writeFailure(msg, buf, version);
      case CDC_WRITE_FAILURE -> new CDCWriteFailureException(msg);
      case CAS_WRITE_UNKNOWN -> casWriteUnknown(msg, buf);
      case SYNTAX_ERROR -> new SyntaxException(msg);
      case UNAUTHORIZED -> new UnauthorizedException(msg);
      case INVALID -> new InvalidRequestException(msg);
      case CONFIG_ERROR -> new ConfigurationException(msg);
      case ALREADY_EXISTS -> alreadyExists(msg, buf);
      case UNPREPARED -> new UnpreparedException(msg, Wire.readShortBytes(buf));
      default -> new ServerErrorException(code, msg);
    };
  }

  // One method per error whose body carries more than the message, reading its fields in order.

  private static UnavailableException unavailable(String msg, ByteBuffer buf) {
    ConsistencyLevel cl = Wire.readConsistency(buf);
    int required = Wire.readInt(buf);
    return new UnavailableException(msg, cl, required, Wire.readInt(buf));
  }

  private static WriteTimeoutException writeTimeout(String msg, ByteBuffer buf, ProtocolVersion version) {
    ConsistencyLevel cl = Wire.readConsistency(buf);
    int received = Wire.readInt(buf);
    int required = Wire.readInt(buf);
    String writeType = Wire.readString(buf);
    int contentions = -1;
    if (version.isAtLeast(ProtocolVersion.V5) && "CAS".equals(writeType)
        && buf.remaining() >= 2) {
      contentions = Wire.readShortUnsigned(buf);
    }
    return new WriteTimeoutException(msg, cl, received, required, writeType, contentions);
  }

  private static ReadTimeoutException readTimeout(String msg, ByteBuffer buf) {
    ConsistencyLevel cl = Wire.readConsistency(buf);
    int received = Wire.readInt(buf);
    int required = Wire.readInt(buf);
    return new ReadTimeoutException(msg, cl, received, required, Wire.readByte(buf) != 0);
  }

  private static ReadFailureException readFailure(String msg, ByteBuffer buf, ProtocolVersion version) {
    ConsistencyLevel cl = Wire.readConsistency(buf);
    int received = Wire.readInt(buf);
    int required = Wire.readInt(buf);
    Failures failures = Failures.read(buf, version);
    boolean dataPresent = Wire.readByte(buf) != 0;
    return new ReadFailureException(msg, cl, received, required, failures.count(), failures.reasons(),
        dataPresent);
  }

  /** The failing replicas of a READ_FAILURE or WRITE_FAILURE: a reason per node on v5, a count before. */
  private record Failures(Map<InetAddress, Integer> reasons, int count) {
    static Failures read(ByteBuffer buf, ProtocolVersion version) {
      if (version.isAtLeast(ProtocolVersion.V5)) {
        Map<InetAddress, Integer> reasons = readReasonMap(buf);
        return new Failures(reasons, reasons.size());
      }
      return new Failures(Map.of(), Wire.readInt(buf));
    }
  }

  private static FunctionFailureException functionFailure(String msg, ByteBuffer buf) {
    String keyspace = Wire.readString(buf);
    String function = Wire.readString(buf);
    return new FunctionFailureException(msg, keyspace, function, Wire.readStringList(buf));
  }

  private static WriteFailureException writeFailure(String msg, ByteBuffer buf, ProtocolVersion version) {
    ConsistencyLevel cl = Wire.readConsistency(buf);
    int received = Wire.readInt(buf);
    int required = Wire.readInt(buf);
    Failures failures = Failures.read(buf, version);
    String writeType = Wire.readString(buf);
    return new WriteFailureException(msg, cl, received, required, failures.count(), failures.reasons(),
        writeType);
  }

  private static CASWriteUnknownException casWriteUnknown(String msg, ByteBuffer buf) {
    ConsistencyLevel cl = Wire.readConsistency(buf);
    int received = Wire.readInt(buf);
    return new CASWriteUnknownException(msg, cl, received, Wire.readInt(buf));
  }

  private static AlreadyExistsException alreadyExists(String msg, ByteBuffer buf) {
    String keyspace = Wire.readString(buf);
    return new AlreadyExistsException(msg, keyspace, Wire.readString(buf));
  }

  /** The v5 failure reasons: [int] n, then n x ([inetaddr] endpoint, [short] failure code). */
  private static Map<InetAddress, Integer> readReasonMap(ByteBuffer buf) {
    int n = Wire.readInt(buf);
    if (n < 0) {
      throw new ProtocolException("Invalid negative size " + n + " of a failure reason map");
    }
    // each entry takes at least 7 bytes (1 + 4 address bytes + 2)
    Wire.need(buf, (int) Math.min(Integer.MAX_VALUE, 7L * n),
        "a failure reason map of " + n + " entries");
    Map<InetAddress, Integer> reasons = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      InetAddress endpoint = Wire.readInetAddr(buf);
      reasons.put(endpoint, Wire.readShortUnsigned(buf));
    }
    return reasons;
  }
}
