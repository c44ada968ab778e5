package io.loomcql;

/**
 * A server answered a request with an ERROR message. {@link #errorCode()} is the protocol error code
 * (section 9 of the native protocol specification) and {@link #serverMessage()} the server's text;
 * subclasses carry the code-specific fields the server sent.
 *
 * <p>{@link #getMessage()} reads like the Python driver's:
 * {@code Error from server: code=2000 [Syntax error in CQL query] message="line 1:0 no viable
 * alternative at input 'SELEC'"}, followed by {@code info={...}} for errors with fields.
 */
public abstract class ServerException extends DriverException {

  /** The protocol error code. */
  private final int errorCode;
  /** The message the server sent ({@code ""} if none). */
  private final String serverMessage;

  /**
   * An exception for an ERROR message with the given code.
   *
   * @param errorCode the protocol error code
   * @param serverMessage the message the server sent (never null: {@code ""} if it sent none)
   */
  protected ServerException(int errorCode, String serverMessage) {
    super(serverMessage);
    this.errorCode = errorCode;
    this.serverMessage = serverMessage == null ? "" : serverMessage;
  }

  /** {@return the protocol error code, e.g. {@code 0x2000} for a syntax error} */
  public int errorCode() {
    return errorCode;
  }

  /** {@return the message the server sent, as sent} */
  public String serverMessage() {
    return serverMessage;
  }

  /** {@return a short description of the error code, e.g. "Syntax error in CQL query"} */
  public String summary() {
    return summaryOf(errorCode);
  }

  /**
   * The code-specific fields for {@link #getMessage()}, like {@code {'consistency': 'ONE'}}, or null
   * when the error has none.
   */
  protected String info() {
    return null;
  }

  @Override
  public String getMessage() {
    String info = info();
    return String.format(
        "Error from server: code=%04x [%s] message=\"%s\"%s",
        errorCode, summary(), serverMessage, info == null ? "" : " info=" + info);
  }

  /**
   * {@return a short description of a protocol error code; unknown codes get "Unknown error code
   * 0x...."}
   */
  public static String summaryOf(int code) {
    return switch (code) {
      case 0x0000 -> "Server error";
      case 0x000A -> "Protocol error";
      case 0x0100 -> "Bad credentials";
      case 0x1000 -> "Unavailable exception";
      case 0x1001 -> "Coordinator node overloaded";
      case 0x1002 -> "Coordinator node is bootstrapping";
      case 0x1003 -> "Error during truncate";
      case 0x1100 -> "Coordinator node timed out waiting for replica nodes' responses";
      case 0x1200 -> "Coordinator node timed out waiting for replica nodes' responses";
      case 0x1300 -> "Replica(s) failed to execute read";
      case 0x1400 -> "User Defined Function failure";
      case 0x1500 -> "Replica(s) failed to execute write";
      case 0x1600 -> "Failed to execute write due to CDC space exhaustion";
      case 0x1700 -> "CAS operation result is unknown";
      case 0x2000 -> "Syntax error in CQL query";
      case 0x2100 -> "Unauthorized";
      case 0x2200 -> "Invalid query";
      case 0x2300 -> "Query invalid because of configuration issue";
      case 0x2400 -> "Already exists";
      case 0x2500 -> "A prepared query was not found";
      default -> String.format("Unknown error code 0x%04x", code);
    };
  }
}
