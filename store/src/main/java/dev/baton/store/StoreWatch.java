package dev.baton.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether Baton's database answered lately, as this process's reads and writes on a customer's path
 * saw it. After a failure the store counts as down for {@link #REST}: calls on the customer's path
 * take their fallback at once instead of each waiting for their deadline, and one call per rest
 * still goes through to find out whether it is back (the first success ends the outage at once).
 */
public final class StoreWatch {
  /** How long a failure keeps the store down for calls on the customer's path. */
  public static final Duration REST = Duration.ofSeconds(2);

  /** The process's view: one database, one watch. */
  public static final StoreWatch SHARED = new StoreWatch(REST);

  private final long restNanos;
  private volatile boolean down;
  /** While down: when the next call may go through to find out whether the store is back. */
  private final AtomicLong nextProbe = new AtomicLong(System.nanoTime());

  public StoreWatch(Duration rest) {
    this.restNanos = rest.toNanos();
  }

  /**
   * Whether a call should go to the store now: yes while it answers; while it is down, yes only
   * for the one call per rest that finds out whether it is back.
   */
  public boolean tryNow() {
    if (!down) {
      return true;
    }
    long now = System.nanoTime();
    long probe = nextProbe.get();
    return now - probe >= 0 && nextProbe.compareAndSet(probe, now + restNanos);
  }

  /** The store failed a call or did not answer in time. */
  public void failed() {
    nextProbe.set(System.nanoTime() + restNanos);
    down = true;
  }

  /** The store answered. */
  public void answered() {
    down = false;
  }

  /** Whether the store counts as down now. */
  public boolean down() {
    return down;
  }
}
