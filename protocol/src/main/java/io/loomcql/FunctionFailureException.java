package io.loomcql;

import java.util.List;

/** The server sent ERROR 0x1400 (Function_failure): a user-defined function threw. */
public class FunctionFailureException extends RequestExecutionException {

  /** The function's keyspace. */
  private final String keyspace;
  /** The function's name. */
  private final String function;
  /** The CQL types of the function's arguments. */
  private final List<String> argTypes;

  /**
   * Creates the exception from the fields of the server's ERROR message.
   *
   * @param keyspace the function's keyspace
   * @param function the function's name
   * @param argTypes the CQL types of its arguments
   */
  public FunctionFailureException(
      String serverMessage, String keyspace, String function, List<String> argTypes) {
    super(0x1400, serverMessage);
    this.keyspace = keyspace;
    this.function = function;
    this.argTypes = argTypes == null ? List.of() : List.copyOf(argTypes);
  }

  /** {@return the function's keyspace} */
  public String keyspace() {
    return keyspace;
  }

  /** {@return the function's name} */
  public String function() {
    return function;
  }

  /** {@return the CQL types of the function's arguments} */
  public List<String> argTypes() {
    return argTypes;
  }

  @Override
  protected String info() {
    return "{'keyspace': '" + keyspace + "', 'function': '" + function + "', 'arg_types': "
        + argTypes + "}";
  }
}
