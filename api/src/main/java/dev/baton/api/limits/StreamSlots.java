package dev.baton.api.limits;

import dev.baton.api.problem.Problems;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Counts open server-sent event streams per client address and per conversation, and refuses
 * one more over {@code baton.limits.streams.*} with 429: each open stream holds a connection and
 * costs reads on every change of what it follows.
 */
@Component
@EnableConfigurationProperties(LimitsProperties.class)
public class StreamSlots {
  /** A browser's EventSource retries on its own; this is the wait it is asked for. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final LimitsProperties.Streams limits;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  StreamSlots(LimitsProperties limits) {
    this.limits = limits.streams();
  }

  /**
   * Takes a slot for a stream from {@code client}, following {@code conversationId} (null for a
   * stream that follows the queues).
   *
   * @return what frees the slot, once however often it runs
   * @throws TooManyRequests when the client or the conversation has all its streams open
   */
  public Runnable acquire(String client, String conversationId) {
    String clientKey = "client:" + client;
    take(clientKey, limits.perClient(), "This client has " + limits.perClient() + " event streams open already");
    if (conversationId != null) {
      try {
        take("conversation:" + conversationId, limits.perConversation(),
            "This conversation has " + limits.perConversation() + " event streams open already");
      } catch (TooManyRequests e) {
        release(clientKey);
        throw e;
      }
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        release(clientKey);
        if (conversationId != null) {
          release("conversation:" + conversationId);
        }
      }
    };
  }

  private void take(String key, int limit, String refusal) {
    boolean[] taken = {false};
    open.compute(key, (k, count) -> {
      int now = count == null ? 0 : count;
      if (now >= limit) {
        return count;
      }
      taken[0] = true;
      return now + 1;
    });
    if (!taken[0]) {
      throw new TooManyRequests(Problems.TOO_MANY_STREAMS, refusal + "; close one first.", RETRY_AFTER);
    }
  }

  private void release(String key) {
    open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
  }
}
