package dev.baton.api.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every server-sent event stream this api instance has open: creates them with a long timeout,
 * keeps them alive with a heartbeat comment, forgets them when they end, and closes them all on
 * shutdown (browsers then reconnect to another instance with {@code Last-Event-ID}). Also runs
 * the work of reading and sending, off the request and listener threads.
 */
@Component
public class EventStreams implements SmartLifecycle, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

  private final LiveProperties properties;
  /** Open streams and what to do when each ends (SseEmitter has identity equality). */
  private final Map<SseEmitter, Consumer<SseEmitter>> open = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(4, threads("baton-live-send-"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(threads("baton-live-timer-"));
  private volatile ScheduledFuture<?> heartbeat;

  EventStreams(LiveProperties properties) {
    this.properties = properties;
  }

  /**
   * A new stream. {@code onEnd} gets it once when it ends, whichever way: the client left, it
   * timed out, a send failed, or the api is stopping.
   */
  public SseEmitter open(Consumer<SseEmitter> onEnd) {
    SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
    open.put(emitter, onEnd);
    emitter.onCompletion(() -> forget(emitter));
    emitter.onError(e -> forget(emitter));
    emitter.onTimeout(
        () -> {
          forget(emitter);
          emitter.complete();
        });
    return emitter;
  }

  /**
   * Sends one event; false when the stream is gone (it is then forgotten). A failed send needs
   * no more: the servlet container reports the broken connection and the stream is completed.
   */
  public boolean send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
      return true;
    } catch (IOException | IllegalStateException gone) {
      forget(emitter);
      return false;
    }
  }

  /** Ends a stream from the server's side, for example once its conversation has ended. */
  public void complete(SseEmitter emitter) {
    forget(emitter);
    try {
      emitter.complete();
    } catch (IllegalStateException alreadyComplete) {
      // Nothing to end.
    }
  }

  /** Runs {@code work} on a sender thread. */
  public void execute(Runnable work) {
    workers.execute(guarded(work));
  }

  /** Runs {@code work} on a sender thread after {@code delay}. */
  public void schedule(Runnable work, Duration delay) {
    timers.schedule(() -> execute(work), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many streams are open on this instance. */
  public int openStreams() {
    return open.size();
  }

  @Override
  public void start() {
    long every = properties.heartbeat().toMillis();
    heartbeat = timers.scheduleAtFixedRate(() -> execute(this::beat), every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Closes every stream before the web server's graceful shutdown (which runs after this phase),
   * so the shutdown does not wait on connections that would otherwise stay open for half an hour.
   */
  @Override
  public void stop() {
    ScheduledFuture<?> beating = heartbeat;
    heartbeat = null;
    if (beating != null) {
      beating.cancel(false);
    }
    for (SseEmitter emitter : List.copyOf(open.keySet())) {
      forget(emitter);
      try {
        emitter.complete();
      } catch (IllegalStateException alreadyComplete) {
        // Nothing to end.
      }
    }
  }

  @Override
  public boolean isRunning() {
    return heartbeat != null;
  }

  @Override
  public void destroy() {
    timers.shutdownNow();
    workers.shutdownNow();
  }

  private void beat() {
    for (SseEmitter emitter : List.copyOf(open.keySet())) {
      send(emitter, SseEmitter.event().comment("heartbeat"));
    }
  }

  /** Removes the stream and runs its end action, once however often it is called. */
  private void forget(SseEmitter emitter) {
    Consumer<SseEmitter> onEnd = open.remove(emitter);
    if (onEnd == null) {
      return;
    }
    try {
      onEnd.accept(emitter);
    } catch (RuntimeException e) {
      log.warn("Cleaning up a stream failed", e);
    }
  }

  private static Runnable guarded(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        log.warn("Live delivery work failed", e);
      }
    };
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
