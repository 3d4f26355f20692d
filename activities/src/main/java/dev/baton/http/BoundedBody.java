package dev.baton.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Response bodies of outside services (a team's bot, the helpdesk) read up to a cap in size and in
 * time: past either the body is abandoned, which closes the connection, so a service that answers
 * without end, or a byte at a time, costs a bounded amount of memory and time, never the worker.
 * (A request's own timeout ends with the response's headers; the body needs its own.) Shared by
 * the adapters that call out over HTTP.
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

  /** The body did not end within the time given; {@code HttpClient.send} reports it as a cause. */
  public static final class TooSlowException extends IOException {
    TooSlowException(Duration within) {
      super("the body did not end within " + within.toMillis() + " ms");
    }
  }

  /**
   * A handler that keeps at most {@code cap} bytes of the body, and fails past them or when the
   * body has not ended {@code within} of this call: made as the request is sent, it bounds the
   * whole exchange by the request's own timeout, headers and body together.
   */
  public static HttpResponse.BodyHandler<byte[]> atMost(int cap, Duration within) {
    long start = System.nanoTime();
    return info -> new Capped(cap, within, within.minusNanos(System.nanoTime() - start));
  }

  /** Whether {@code e} or one of its causes says the body was longer than the cap. */
  public static boolean tooLarge(Throwable e) {
    return cause(e, TooLargeException.class).isPresent();
  }

  /** Whether {@code e} or one of its causes says the body did not end in time. */
  public static boolean tooSlow(Throwable e) {
    return cause(e, TooSlowException.class).isPresent();
  }

  private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static final class Capped implements BodySubscriber<byte[]> {
    private final int cap;
    private final Duration within;
    private final Duration left;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    Capped(int cap, Duration within, Duration left) {
      this.cap = cap;
      this.within = within;
      this.left = left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      CompletableFuture.delayedExecutor(left.toMillis(), TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                if (result.completeExceptionally(new TooSlowException(within))) {
                  subscription.cancel();
                }
              });
      subscription.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        subscription.cancel();
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
    public synchronized void onComplete() {
      result.complete(body.toByteArray());
    }
  }
}
