package io.loomcql.transport.internal;

import java.nio.ByteBuffer;

/**
 * A request handed to a {@link Connection}: its encoded frame, who to tell, and (once written)
 * its stream id. Cancelling it keeps its stream id reserved until the server answers, so a late
 * response can never be mistaken for the answer to a newer request.
 */
public final class InFlightRequest {

  final ByteBuffer frame;
  final ResponseCallback callback;
  int streamId = -1; // loop thread only
  private volatile boolean cancelled;

  InFlightRequest(ByteBuffer frame, ResponseCallback callback) {
    this.frame = frame;
    this.callback = callback;
  }

  /**
   * Abandons the request (the caller timed out or no longer wants the answer): the callback will
   * not be called; the response, if one comes, is dropped.
   */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
