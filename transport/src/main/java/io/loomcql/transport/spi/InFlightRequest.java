package io.loomcql.transport.spi;

/**
 * The caller's view of a request handed to {@link Connection#send}: the one thing it may still
 * do is give up on it.
 *
 * <p>Implementations guarantee that the request's {@link ResponseCallback} is called at most once
 * whoever races (the response, a close, a cancel). Cancelling a request already written leaves
 * its stream id reserved until the server answers (an <em>orphan</em>), so that a late response
 * can never be mistaken for the answer to a newer request on the same id.
 */
public interface InFlightRequest {

  /**
   * Abandons the request (the caller timed out or no longer wants the answer): the callback will
   * not be called; the response, if one comes, is dropped. Safe from any thread; does nothing
   * once the request has its outcome.
   */
  void cancel();

  /** Whether {@link #cancel()} took effect. */
  boolean isCancelled();
}
