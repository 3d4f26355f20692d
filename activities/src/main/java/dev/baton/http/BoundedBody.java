package dev.baton.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Response bodies of outside services (a team's bot, the helpdesk) read up to a cap: past it the
 * body is abandoned, which closes the connection, so a service that answers without end costs a
 * few kilobytes of memory, never the worker. Shared by the adapters that call out over HTTP.
 */
public final class BoundedBody {
  private BoundedBody() {}

  /** The body was longer than the cap; {@code HttpClient.send} reports it as this IOException's cause. */
  public static final class TooLargeException extends IOException {
    private final long cap;

    TooLargeException(long cap) {
      super("the body is longer than " + cap + " bytes");
      this.cap = cap;
    }

    public long cap() {
      return cap;
    }
  }

  /** A handler that keeps at most {@code cap} bytes of the body, and fails past them. */
  public static HttpResponse.BodyHandler<byte[]> atMost(int cap) {
    return info -> new Capped(cap);
  }

  /** The {@link TooLargeException} among {@code e} and its causes, if the body was too large. */
  public static Optional<TooLargeException> tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TooLargeException large) {
        return Optional.of(large);
      }
    }
    return Optional.empty();
  }

  private static final class Capped implements BodySubscriber<byte[]> {
    private final int cap;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Capped(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if ((long) body.size() + buffer.remaining() > cap) {
          subscription.cancel();
          result.completeExceptionally(new TooLargeException(cap));
          return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        body.writeBytes(bytes);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(body.toByteArray());
    }
  }
}
