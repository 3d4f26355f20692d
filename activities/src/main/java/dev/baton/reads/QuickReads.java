package dev.baton.reads;

import dev.baton.store.StoreWatch;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * PostgreSQL reads on a customer's path (the queue's hours, who is free, the customer's recent
 * conversations): each gets a short deadline and, past it or when the store fails, the caller's
 * fallback, so a customer never waits on Baton's own database (docs/decisions.md, "Nothing on the
 * customer's path waits on the store"). A healthy database answers these in milliseconds.
 *
 * <p>After a failure the store counts as down for a moment ({@link StoreWatch}): reads then take
 * their fallback at once, one read per rest finding out whether it is back.
 *
 * <p>The reads run on a small pool of their own: a read that hangs holds one of its threads until
 * the connection pool or the socket timeout gives up, never the caller, and when all are held new reads take their
 * fallback at once.
 */
public final class QuickReads {
  private static final Logger log = LoggerFactory.getLogger(QuickReads.class);

  /** How long a read may take before its fallback answers. */
  public static final Duration DEADLINE = Duration.ofMillis(400);
  /** One warning per this interval while the store keeps failing; the rest at debug. */
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int READERS = 8;
  private static final int WAITING = 64;

  /** The process's reads; one pool, as they all share one connection pool. */
  public static final QuickReads SHARED = new QuickReads(DEADLINE, StoreWatch.SHARED);

  private final Duration deadline;
  private final StoreWatch store;
  private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private final ExecutorService readers =
      new ThreadPoolExecutor(
          READERS, READERS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
          runnable -> {
            Thread thread = new Thread(runnable, "baton-quick-reads");
            thread.setDaemon(true);
            return thread;
          },
          new ThreadPoolExecutor.AbortPolicy());

  public QuickReads(Duration deadline, StoreWatch store) {
    this.deadline = deadline;
    this.store = store;
  }

  /**
   * What {@code read} answers within the deadline, else what {@code fallback} answers.
   *
   * @param what the read, for the log ("hours of billing")
   */
  public <T> T read(String what, Supplier<T> read, Supplier<T> fallback) {
    if (!store.tryNow()) {
      log.debug("{} answered from what Baton last knew: the database is down", what);
      return fallback.get();
    }
    Future<T> answer;
    try {
      answer =
          readers.submit(
              () -> {
                T value = read.get();
                store.answered();
                return value;
              });
    } catch (RejectedExecutionException e) {
      warn(what, WAITING + " reads already wait");
      return fallback.get();
    }
    try {
      return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      store.failed();
      warn(what, "no answer within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof DataAccessException)) {
        // Not the database: a fault of the read itself, which the fallback covers but must not hide.
        log.error("{} failed; answered from what Baton last knew", what, e.getCause());
        return fallback.get();
      }
      store.failed();
      warn(what, String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
    }
    return fallback.get();
  }

  private void warn(String what, String why) {
    long now = System.nanoTime();
    long last = lastWarned.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
      log.warn("{} answered from what Baton last knew: the database did not answer ({})", what, why);
    } else {
      log.debug("{} answered from what Baton last knew: {}", what, why);
    }
  }
}
