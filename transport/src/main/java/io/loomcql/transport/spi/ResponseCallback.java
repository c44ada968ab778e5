package io.loomcql.transport.spi;

import io.loomcql.wire.Frame;

/**
 * Receives the outcome of one request. Called exactly once, on the connection's loop thread (or
 * on the sending thread when the request fails before it is queued); implementations must return
 * quickly and never block: typically they unpark the waiting caller or hand off to an executor.
 */
public interface ResponseCallback {

  /** The response: its frame, decompressed, matched to the request by stream id. */
  void onResponse(Frame frame);

  /** The request failed without a response (connection closed, busy, or refused by the transport). */
  void onFailure(Throwable error);

  /**
   * The deadline given to {@code send} passed while the request was still queued or awaiting its
   * answer. Called at most once, on the thread that serves the connection's timer, before (never
   * instead of) {@link #onResponse} or {@link #onFailure}: the request stays in flight until the
   * receiver cancels it. Must return quickly and never block.
   */
  default void onDeadline() {}
}
