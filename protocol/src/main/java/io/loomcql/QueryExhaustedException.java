package io.loomcql;

/** A result set was asked for more rows (or a next page) when it had none left. */
public class QueryExhaustedException extends DriverException {

  /** An exception with a message. */
  public QueryExhaustedException(String message) {
    super(message);
  }
}
