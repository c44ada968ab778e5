package io.loomcql.cluster;

import io.loomcql.DriverException;
import io.loomcql.OperationTimedOutException;
import io.loomcql.QueryExhaustedException;
import io.loomcql.cluster.internal.request.AsyncRequest;
import io.loomcql.cluster.internal.request.BlockingRequest;
import io.loomcql.query.QueryTrace;
import io.loomcql.query.Statement;
import io.loomcql.query.TraceUnavailableException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pending result of {@link Session#executeAsync}, the Java form of the Python driver's
 * {@code ResponseFuture}. It is a {@link java.util.concurrent.CompletionStage CompletionStage}
 * of {@link ResultSet} and also offers the Python driver's {@link #result()}, {@link #addCallback},
 * {@link #addErrback} and {@link #addCallbacks}.
 *
 * <p>Callbacks and dependent stages run on the cluster's callback executor (by default the
 * cluster's runner virtual threads, where a callback may block: see {@code
 * Cluster.Builder.callbackExecutor}), never on an I/O thread unless the application configured a
 * direct executor — in which case they must not block.
 *
 * <p>Only the driver completes it: {@link #complete}, {@link #completeExceptionally}, {@link
 * #completeAsync}, {@link #completeOnTimeout}, {@link #orTimeout} and the {@code obtrude} methods
 * throw UnsupportedOperationException (the request's timeout bounds it; {@link
 * #result(Duration)} waits less). {@link #cancel} stops the request; see there.
 */
public final class ResponseFuture extends CompletableFuture<ResultSet> {

  private static final String DRIVER_COMPLETES =
      "A ResponseFuture is completed by the driver only; cancel() stops the request";

  private final Statement query;
  private final Executor callbackExecutor;
  // Registered callbacks and errbacks, attached again to every page startFetchingNextPage fetches;
  // the lock makes registering and starting a fetch see each other (it is never held while waiting).
  private final ReentrantLock pages = new ReentrantLock();
  private final List<Consumer<? super ResultSet>> callbacks = new ArrayList<>();
  private final List<Consumer<? super Throwable>> errbacks = new ArrayList<>();
  // The page result() and the accessors answer for: this future, until startFetchingNextPage
  private volatile CompletableFuture<ResultSet> latestPage = this;
  // The request that completes this future when it runs asynchronously (null while a blocking
  // call completes it); set by the thread that starts the request, before it is sent.
  private AsyncRequest request;

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
      return latestPage.join();
    } catch (CompletionException | CancellationException e) {
      throw unwrap(e);
    }
  }

  /** Like {@link #result()}, giving up after {@code timeout} with OperationTimedOutException. */
  public ResultSet result(Duration timeout) {
    checkNotIoThread();
    try {
      return latestPage.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (TimeoutException e) {
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
  public QueryTrace getQueryTrace(Duration maxWait) {
    return completed("getQueryTrace").getQueryTrace(maxWait);
  }

  /**
   * The traces of every page fetched so far (empty if the request was not traced), each waited for
   * up to {@code maxWaitPer}.
   */
  public List<QueryTrace> getAllQueryTraces(Duration maxWaitPer) {
    return completed("getAllQueryTraces").getAllQueryTraces(maxWaitPer);
  }

  /** Server warnings (protocol v4+), empty if none. */
  public List<String> warnings() {
    return completedResult("warnings").warnings();
  }

  /** {@return the custom payload of the response, or null} */
  public Map<String, ByteBuffer> customPayload() {
    return completedResult("customPayload").customPayload();
  }

  /**
   * The nodes the request was sent to, in order, retries and speculative executions included
   * (Python: {@code attempted_hosts}); a failed request lists them with their errors in its
   * exception ({@code NoHostAvailableException.errors()}).
   *
   * @throws DriverException before the request has succeeded
   */
  public List<InetSocketAddress> attemptedHosts() {
    return completedResult("attemptedHosts").attemptedHosts();
  }

  /**
   * {@return the node that answered (Python: {@code coordinator_host}); see {@link
   * ResultSet#coordinatorHost()}}
   */
  public InetSocketAddress coordinatorHost() {
    return completedResult("coordinatorHost").coordinatorHost();
  }

  /** {@return whether more pages follow the one this future produced} */
  public boolean hasMorePages() {
    return completedResult("hasMorePages").hasMorePages();
  }

  private ResultSet completed(String what) {
    CompletableFuture<ResultSet> page = latestPage;
    if (!page.isDone() || page.isCompletedExceptionally()) {
      throw new TraceUnavailableException(
          what + ": the request has not completed successfully yet");
    }
    return page.join();
  }

  private ResultSet completedResult(String what) {
    CompletableFuture<ResultSet> page = latestPage;
    if (!page.isDone() || page.isCompletedExceptionally()) {
      throw new DriverException(what + " is only available once the request has succeeded");
    }
    return page.join();
  }

  /**
   * Starts fetching the page after the current one without waiting for it (Python: {@code
   * start_fetching_next_page}); when it arrives, every callback registered on this future is
   * called again with it (a {@link ResultSet} holding that page), or every errback with the
   * error. From then on {@link #result()}, {@link #hasMorePages()} and the other accessors answer
   * for the new page; the future's own value (as a {@code CompletionStage}) stays the first page.
   * Typically called from a callback, after it has read its page, while {@link #hasMorePages()}.
   *
   * @throws DriverException if the current page has not arrived, or its request failed
   * @throws io.loomcql.QueryExhaustedException if the current page is the last one
   * @throws IllegalStateException if the previous call's page has not arrived yet
   */
  public void startFetchingNextPage() {
    CompletableFuture<ResultSet> page = latestPage;
    if (!page.isDone() || page.isCompletedExceptionally()) {
      throw new DriverException("startFetchingNextPage is only available once the request has succeeded");
    }
    ResultSet current = page.join();
    if (!current.hasMorePages()) {
      throw new QueryExhaustedException("The result set has no more pages");
    }
    CompletableFuture<ResultSet> next = new CompletableFuture<>();
    pages.lock();
    try {
      if (latestPage != page) {
        throw new IllegalStateException("The next page is already being fetched");
      }
      latestPage = next;
      callbacks.forEach(callback -> onSuccess(next, callback));
      errbacks.forEach(errback -> onFailure(next, errback));
    } finally {
      pages.unlock();
    }
    // fetching blocks: its own virtual thread, whatever executor runs the callbacks
    Thread.ofVirtual()
        .name("loomcql-next-page")
        .start(
            () -> {
              try {
                next.complete(current.followingPage());
              } catch (Throwable e) {
                next.completeExceptionally(e);
              }
            });
  }

  /**
   * Calls {@code callback} with the result set when the request succeeds, and again with each
   * page {@link #startFetchingNextPage()} fetches.
   */
  public ResponseFuture addCallback(Consumer<? super ResultSet> callback) {
    pages.lock();
    try {
      callbacks.add(callback);
      onSuccess(latestPage, callback);
    } finally {
      pages.unlock();
    }
    return this;
  }

  /**
   * Calls {@code errback} with the error when the request fails, or when a page {@link
   * #startFetchingNextPage()} fetches fails.
   */
  public ResponseFuture addErrback(Consumer<? super Throwable> errback) {
    pages.lock();
    try {
      errbacks.add(errback);
      onFailure(latestPage, errback);
    } finally {
      pages.unlock();
    }
    return this;
  }

  private void onSuccess(CompletableFuture<ResultSet> page, Consumer<? super ResultSet> callback) {
    page.whenCompleteAsync(
        (result, error) -> {
          if (error == null) {
            callback.accept(result);
          }
        },
        callbackExecutor);
  }

  private void onFailure(CompletableFuture<ResultSet> page, Consumer<? super Throwable> errback) {
    page.whenCompleteAsync(
        (result, error) -> {
          if (error != null) {
            errback.accept(unwrap(error));
          }
        },
        callbackExecutor);
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

  /**
   * Cancels the request: an {@link Session#executeAsync} request stops at once (its attempts in
   * flight are abandoned: a queued one is never written, a written one's stream id is freed when
   * the node answers, and no retry or speculative execution follows), and this future completes
   * with a CancellationException, which {@link #result()} then throws. The future a request-init
   * listener sees for a blocking {@link Session#execute} cannot be cancelled (false): the
   * blocking call owns that request.
   *
   * @param mayInterruptIfRunning ignored: no thread runs the request
   * @return whether this call cancelled it (false once it had completed)
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    AsyncRequest running = request;
    if (running == null && !isDone()) {
      return false;
    }
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled && running != null) {
      running.cancel();
    }
    return cancelled;
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public boolean complete(ResultSet value) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public boolean completeExceptionally(Throwable error) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public CompletableFuture<ResultSet> completeAsync(Supplier<? extends ResultSet> supplier) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public CompletableFuture<ResultSet> completeAsync(
      Supplier<? extends ResultSet> supplier, Executor executor) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public CompletableFuture<ResultSet> completeOnTimeout(ResultSet value, long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /**
   * Refused: the request's own timeout (the session's default, or the one given to {@code
   * executeAsync}) bounds it; {@link #result(Duration)} waits less without completing it.
   */
  @Override
  public CompletableFuture<ResultSet> orTimeout(long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public void obtrudeValue(ResultSet value) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** Refused: only the driver completes a ResponseFuture. */
  @Override
  public void obtrudeException(Throwable error) {
    throw new UnsupportedOperationException(DRIVER_COMPLETES);
  }

  /** The request that completes this future, which {@link #cancel} stops. */
  void running(AsyncRequest request) {
    this.request = request;
  }

  void succeed(ResultSet resultSet) {
    super.complete(resultSet);
  }

  void fail(Throwable error) {
    super.completeExceptionally(error);
  }

  static void checkNotIoThread() {
    BlockingRequest.checkNotIoThread();
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
