package org.nmt4j.server.batch;

/** The batcher's queue cannot take a request now: it is full, or the batcher is shutting down. */
public final class QueueFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean shuttingDown;

  private QueueFullException(String message, boolean shuttingDown) {
    super(message);
    this.shuttingDown = shuttingDown;
  }

  /**
   * @param queued sentences waiting
   * @param asked sentences of the refused request
   * @param limit the queue's capacity in sentences
   * @return the exception for a full queue
   */
  static QueueFullException full(int queued, int asked, int limit) {
    return new QueueFullException("the translation queue is full (" + queued + " of " + limit
        + " sentences waiting, this request has " + asked + "); retry later", false);
  }

  /** @return the exception for a batcher that no longer accepts work */
  static QueueFullException closing() {
    return new QueueFullException("the server is shutting down", true);
  }

  /** @return whether the batcher refused because it is shutting down (rather than full) */
  public boolean shuttingDown() {
    return shuttingDown;
  }
}
