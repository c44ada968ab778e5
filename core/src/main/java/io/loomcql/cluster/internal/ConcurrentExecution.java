package io.loomcql.cluster.internal;

import io.loomcql.DriverException;
import io.loomcql.cluster.ResultSet;
import io.loomcql.concurrent.ExecutionResult;
import io.loomcql.query.PreparedStatement;
import io.loomcql.query.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs many statements with a bounded number in flight, each on its own virtual thread (the
 * Python driver's {@code execute_concurrent}). Stateless: each call owns its threads and results.
 */
public final class ConcurrentExecution {

  private ConcurrentExecution() {}

  /**
   * Executes {@code statements} through {@code execute}, at most {@code concurrency} at a time;
   * results in the order of the statements.
   *
   * @param raiseOnFirstError stop and throw the first failure, else record failures and go on
   * @param checkOpen throws if the session is closed, checked once the arguments are
   */
  public static List<ExecutionResult> run(
      Iterable<? extends Statement> statements, int concurrency, boolean raiseOnFirstError,
      Runnable checkOpen, Function<Statement, ResultSet> execute) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    checkOpen.run();
    List<Statement> all = new ArrayList<>();
    statements.forEach(all::add);
    ExecutionResult[] results = new ExecutionResult[all.size()];
    Semaphore permits = new Semaphore(concurrency);
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < all.size(); i++) {
        if (raiseOnFirstError && firstError.get() != null) {
          break;
        }
        permits.acquireUninterruptibly();
        int index = i;
        executor.execute(
            () -> {
              try {
                results[index] = new ExecutionResult(true, execute.apply(all.get(index)), null);
              } catch (Throwable t) {
                results[index] = new ExecutionResult(false, null, t);
                firstError.compareAndSet(null, t);
              } finally {
                permits.release();
              }
            });
      }
    }
    Throwable error = firstError.get();
    if (raiseOnFirstError && error != null) {
      if (error instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new DriverException("A concurrent statement failed: " + error, error);
    }
    return Arrays.asList(results);
  }

  /**
   * {@return one bound statement per element of {@code parameters}: an {@code Object[]}, a
   * {@code List}, a {@code Map} of named values, a single value or null (no values)}
   */
  public static List<Statement> bindAll(PreparedStatement statement, Iterable<?> parameters) {
    List<Statement> bound = new ArrayList<>();
    for (Object values : parameters) {
      bound.add(
          switch (values) {
            case Object[] array -> statement.bind(array);
            case List<?> list -> statement.bind(list.toArray());
            case Map<?, ?> map -> {
              @SuppressWarnings("unchecked")
              Map<String, ?> named = (Map<String, ?>) map;
              yield statement.bind(named);
            }
            case null -> statement.bind();
            default -> statement.bind(values);
          });
    }
    return bound;
  }
}
