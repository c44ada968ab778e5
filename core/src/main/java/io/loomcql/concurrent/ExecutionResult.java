package io.loomcql.concurrent;

import io.loomcql.DriverException;
import io.loomcql.cluster.ResultSet;

/**
 * The outcome of one statement of {@code Session.executeConcurrent}, the Java form of the Python
 * driver's {@code ExecutionResult(success, result_or_exc)}.
 *
 * @param success whether the statement succeeded
 * @param resultSet its result when it did, else null
 * @param error its failure when it did not, else null
 */
public record ExecutionResult(boolean success, ResultSet resultSet, Throwable error) {

  /** {@return the result set, or the failure rethrown} */
  public ResultSet resultOrThrow() {
    if (success) {
      return resultSet;
    }
    if (error instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new DriverException("The statement failed: " + error, error);
  }
}
