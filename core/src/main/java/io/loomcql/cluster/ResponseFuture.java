package io.loomcql.cluster;

import io.loomcql.DriverException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.query.Statement;
import io.loomcql.transport.internal.IoThreads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The pending result of {@link Session#executeAsync}, the Java form of the Python driver's
 * {@code ResponseFuture}. It is a {@link java.util.concurrent.CompletionStage CompletionStage}
 * of {@link ResultSet} and also offers the seed's {@link #result()}, {@link #addCallback},
 * {@link #addErrback} and {@link #addCallbacks}.
 *
 * <p>Callbacks and dependent stages run on the cluster's callback executor (by default a new
 * virtual thread per completion), never on an I/O thread unless the application configured a
 * direct executor — in which case they must not block.
 */
public final class ResponseFuture extends CompletableFuture<ResultSet> {

  private final Statement query;
  private final Executor callbackExecutor;

  ResponseFuture(Statement query, Executor callbackExecutor) {
    this.query = query;
    this.callbackExecutor = callbackExecutor;
  }

  /** {@return the statement this future executes} */
  public Statement query() {
    return query;
  }

  /**
   * Waits for the result and returns it; the request's own timeout (the session's default
   * timeout, 10 s, unless the call gave another) bounds the wait.
   *
   * @throws DriverException the request's failure, e.g. a server error, NoHostAvailable or
   *     OperationTimedOut
   * @throws IllegalStateException when called on a driver I/O thread, where blocking would
   *     stall every connection of that thread
   */
  public ResultSet result() {
    checkNotIoThread();
    try {
      return join();
    } catch (CompletionException | CancellationException e) {
      throw unwrap(e);
    }
  }

  /** Like {@link #result()}, giving up after {@code timeout} with OperationTimedOutException. */
  public ResultSet result(Duration timeout) {
    checkNotIoThread();
    try {
      return get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new OperationTimedOutException(
          "No result within " + timeout.toMillis() + " ms", Map.of(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("Interrupted while waiting for the result", e);
    }
  }

  /**
   * Whether a schema change reached agreement among the live nodes (true for other statements).
   *
   * @throws IllegalStateException before the request has completed
   */
  public boolean isSchemaAgreed() {
    if (!isDone() || isCompletedExceptionally()) {
      throw new IllegalStateException("The request has not completed successfully yet");
    }
    return join().isSchemaAgreed();
  }

  /**
   * The trace of the request (null if not traced), waiting up to {@code maxWait} for the server
   * to write it.
   *
   * @throws io.loomcql.query.TraceUnavailableException if the request has not completed yet
   */
  public io.loomcql.query.QueryTrace getQueryTrace(Duration maxWait) {
    return completed("getQueryTrace").getQueryTrace(maxWait);
  }

  /**
   * The traces of every page fetched so far (empty if the request was not traced), each waited for
   * up to {@code maxWaitPer}.
   */
  public java.util.List<io.loomcql.query.QueryTrace> getAllQueryTraces(Duration maxWaitPer) {
    return completed("getAllQueryTraces").getAllQueryTraces(maxWaitPer);
  }

  /** Server warnings (protocol v4+), empty if none. */
  public java.util.List<String> warnings() {
    return completedResult("warnings").warnings();
  }

  /** {@return the custom payload of the response, or null} */
  public Map<String, java.nio.ByteBuffer> customPayload() {
    return completedResult("customPayload").customPayload();
  }

  /**
   * The nodes the request was sent to, in order, retries and speculative executions included
   * (Python: {@code attempted_hosts}); a failed request lists them with their errors in its
   * exception ({@code NoHostAvailableException.errors()}).
   *
   * @throws DriverException before the request has succeeded
   */
  public java.util.List<java.net.InetSocketAddress> attemptedHosts() {
    return completedResult("attemptedHosts").attemptedHosts();
  }

  /**
   * {@return the node that answered (Python: {@code coordinator_host}); see {@link
   * ResultSet#coordinatorHost()}}
   */
  public java.net.InetSocketAddress coordinatorHost() {
    return completedResult("coordinatorHost").coordinatorHost();
  }

  /** {@return whether more pages follow the one this future produced} */
  public boolean hasMorePages() {
    return completedResult("hasMorePages").hasMorePages();
  }

  private ResultSet completed(String what) {
    if (!isDone() || isCompletedExceptionally()) {
      throw new io.loomcql.query.TraceUnavailableException(
          what + ": the request has not completed successfully yet");
    }
    return join();
  }

  private ResultSet completedResult(String what) {
    if (!isDone() || isCompletedExceptionally()) {
      throw new DriverException(what + " is only available once the request has succeeded");
    }
    return join();
  }

  /** Calls {@code callback} with the result set when the request succeeds. */
  public ResponseFuture addCallback(Consumer<? super ResultSet> callback) {
    whenCompleteAsync(
        (result, error) -> {
          if (error == null) {
            callback.accept(result);
          }
        },
        callbackExecutor);
    return this;
  }

  /** Calls {@code errback} with the error when the request fails. */
  public ResponseFuture addErrback(Consumer<? super Throwable> errback) {
    whenCompleteAsync(
        (result, error) -> {
          if (error != null) {
            errback.accept(unwrap(error));
          }
        },
        callbackExecutor);
    return this;
  }

  /** {@link #addCallback} and {@link #addErrback} in one call. */
  public ResponseFuture addCallbacks(
      Consumer<? super ResultSet> callback, Consumer<? super Throwable> errback) {
    addCallback(callback);
    return addErrback(errback);
  }

  @Override
  public Executor defaultExecutor() {
    return callbackExecutor;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }

  @Override
  public void obtrudeValue(ResultSet value) {
    throw new UnsupportedOperationException("A ResponseFuture's result is set by the driver");
  }

  @Override
  public void obtrudeException(Throwable error) {
    throw new UnsupportedOperationException("A ResponseFuture's result is set by the driver");
  }

  void succeed(ResultSet resultSet) {
    super.complete(resultSet);
  }

  void fail(Throwable error) {
    super.completeExceptionally(error);
  }

  static void checkNotIoThread() {
    String ioThread = IoThreads.currentName();
    if (ioThread != null) {
      throw new IllegalStateException(
          "Blocking call on driver I/O thread " + ioThread + ": it would stall every "
              + "connection that thread serves. Use the async API in callbacks that run there.");
    }
  }

  private static RuntimeException unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new DriverException(cause.toString(), cause);
  }

  @Override
  public String toString() {
    return "ResponseFuture(" + query + ", " + (isDone() ? "done" : "pending") + ")";
  }
}
