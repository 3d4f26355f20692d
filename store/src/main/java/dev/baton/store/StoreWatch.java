package dev.baton.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Baton's database answered lately, as a process's calls on a customer's path saw it.
 * After a failure the store counts as down: those calls take their fallback at once instead of
 * each waiting for a timeout. With a probe ({@link #probeWith}) a background thread tries the
 * store every {@link #REST} and ends the outage when it answers, so no customer's call waits to
 * find out; without one, one call per rest goes through to find out. Any call that reaches the
 * store and succeeds ends the outage too ({@link #answered}).
 */
public final class StoreWatch {
  private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);

  /** How often a store that is down is tried again. */
  public static final Duration REST = Duration.ofSeconds(1);

  /** The worker's view: one database, one watch, shared by its reads and writes. */
  public static final StoreWatch SHARED = new StoreWatch(REST);

  private static final ScheduledExecutorService PROBER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "baton-store-watch");
            thread.setDaemon(true);
            return thread;
          });

  private final long restNanos;
  private volatile boolean down;
  private volatile Runnable probe;
  private final AtomicBoolean probing = new AtomicBoolean();
  /** Without a probe, while down: when the next call may go through to find out. */
  private final AtomicLong nextTry = new AtomicLong(System.nanoTime());

  public StoreWatch(Duration rest) {
    this.restNanos = rest.toNanos();
  }

  /** Tries the store in the background while it is down; {@code probe} throws when it does not answer. */
  public StoreWatch probeWith(Runnable probe) {
    this.probe = probe;
    return this;
  }

  /** Whether a call on the customer's path should go to the store now. */
  public boolean tryNow() {
    if (!down) {
      return true;
    }
    if (probe != null) {
      return false;
    }
    long now = System.nanoTime();
    long at = nextTry.get();
    return now - at >= 0 && nextTry.compareAndSet(at, now + restNanos);
  }

  /** The store failed a call or did not answer in time. */
  public void failed() {
    nextTry.set(System.nanoTime() + restNanos);
    if (!down) {
      log.warn("Baton's database did not answer; calls on the customer's path go without it until it does");
    }
    down = true;
    if (probe != null && probing.compareAndSet(false, true)) {
      PROBER.schedule(this::probeOnce, restNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The store answered a call. */
  public void answered() {
    down = false;
  }

  /** Whether the store counts as down now. */
  public boolean down() {
    return down;
  }

  private void probeOnce() {
    boolean again = false;
    try {
      if (down) {
        probe.run();
        down = false;
        log.info("Baton's database answers again; calls on the customer's path use it");
      }
    } catch (Throwable e) {
      again = true;
      log.debug("Baton's database still does not answer: {}", e.getMessage());
    } finally {
      if (again) {
        PROBER.schedule(this::probeOnce, restNanos, TimeUnit.NANOSECONDS);
      } else {
        probing.set(false);
        // A failure between the check and here found the probe still running: it carries on.
        if (down && probing.compareAndSet(false, true)) {
          PROBER.schedule(this::probeOnce, restNanos, TimeUnit.NANOSECONDS);
        }
      }
    }
  }
}
