package dev.setpoint.server.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body of up to {@code limit} bytes without blocking a thread. A body over the limit
 * fails with a 413 {@link ApiException}, but only after the rest of it has been read and dropped (up
 * to {@link #DRAIN_LIMIT} bytes): answering while the client is still sending makes the closing
 * connection reset, and the client then sees a broken connection instead of the 413.
 */
final class BodyReader {

  /** How much of an oversized body is read and dropped so that its 413 answer arrives intact. */
  static final long DRAIN_LIMIT = 64L << 20;

  private final Content.Source source;
  private final long limit;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private byte[] buffer;
  private int size;
  private long seen;

  private BodyReader(Content.Source source, long limit, long expectedLength) {
    this.source = source;
    this.limit = limit;
    // Sized for the declared length, unless it is already over the limit (then only drained).
    this.buffer = new byte[(int) (expectedLength > limit ? 256 : Math.max(256, expectedLength))];
  }

  /**
   * The body of {@code source}; {@code expectedLength} is its Content-Length, or -1.
   */
  static CompletableFuture<byte[]> read(Content.Source source, long limit, long expectedLength) {
    BodyReader reader = new BodyReader(source, limit, expectedLength);
    reader.next();
    return reader.result;
  }

  private void next() {
    while (true) {
      Content.Chunk chunk = source.read();
      if (chunk == null) {
        source.demand(this::next);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        result.completeExceptionally(chunk.getFailure());
        return;
      }
      ByteBuffer bytes = chunk.getByteBuffer();
      int n = bytes.remaining();
      seen += n;
      if (seen <= limit) {
        if (size + n > buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(size + n, 2L * buffer.length)));
        }
        bytes.get(buffer, size, n);
        size += n;
      }
      chunk.release();
      if (chunk.isLast() || seen > DRAIN_LIMIT) {
        if (seen > limit) {
          result.completeExceptionally(ApiException.tooLarge(limit));
        } else {
          result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        }
        return;
      }
    }
  }
}
