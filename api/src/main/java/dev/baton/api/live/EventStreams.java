package dev.baton.api.live;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every server-sent event stream this api instance has open: creates them with a long timeout,
 * keeps them alive with a heartbeat comment, forgets them when they end, and closes them all on
 * shutdown (browsers then reconnect to another instance with {@code Last-Event-ID}). Also runs
 * the work of reading and sending, off the request and listener threads.
 *
 * <p>Each stream has its own outbox, written by its own task: a reader that does not read blocks
 * only its own writes, never another stream's or the reads. An outbox that fills up
 * ({@link #OUTBOX}) ends its stream; the browser reconnects with {@code Last-Event-ID} and misses
 * nothing.
 *
 * <p>At each heartbeat the credentials the streams were opened with are checked ({@link
 * StreamCredentials}, one look-up for all): a stream whose token has ended since is ended too, so
 * a signed-out, disabled or re-passworded account stops seeing conversations within a heartbeat.
 */
@Component
public class EventStreams implements SmartLifecycle, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

  /** Events waiting for one stream's reader; beyond, the stream is ended. */
  static final int OUTBOX = 256;

  private final LiveProperties properties;
  /** Null where nothing is checked (tests of the writing alone). */
  private final StreamCredentials credentials;
  /** Open streams and what to do when each ends (SseEmitter has identity equality). */
  private final Map<SseEmitter, Consumer<SseEmitter>> open = new ConcurrentHashMap<>();
  /** The credential each stream was opened with, when it is one that can end early. */
  private final Map<SseEmitter, String> openedWith = new ConcurrentHashMap<>();
  private final Map<SseEmitter, Outbox> outboxes = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(4, threads("baton-live-send-"));
  /** Writes to the streams, one task per stream with something to write; a blocked write holds one. */
  private final ExecutorService writers = writerPool();

  /** What waits to be written to one stream, in order; an empty event means "complete it". */
  private static final class Outbox {
    final java.util.ArrayDeque<java.util.Optional<SseEmitter.SseEventBuilder>> events = new java.util.ArrayDeque<>();
    boolean writing;
  }
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(threads("baton-live-timer-"));
  private volatile ScheduledFuture<?> heartbeat;

  @Autowired
  EventStreams(LiveProperties properties, ObjectProvider<StreamCredentials> credentials) {
    this(properties, credentials.getIfAvailable());
  }

  EventStreams(LiveProperties properties) {
    this(properties, (StreamCredentials) null);
  }

  EventStreams(LiveProperties properties, StreamCredentials credentials) {
    this.properties = properties;
    this.credentials = credentials;
  }

  /**
   * A new stream. {@code onEnd} gets it once when it ends, whichever way: the client left, it
   * timed out, a send failed, or the api is stopping.
   */
  public SseEmitter open(Consumer<SseEmitter> onEnd) {
    SseEmitter emitter = newEmitter(properties.streamTimeout().toMillis());
    open.put(emitter, onEnd);
    outboxes.put(emitter, new Outbox());
    String credential = credentials == null ? null : credentials.current();
    if (credential != null) {
      openedWith.put(emitter, credential);
    }
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
   * Queues one event for the stream; false when the stream is gone (or its reader is so far
   * behind that it was ended). Events reach each stream in the order they were queued.
   */
  public boolean send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    return enqueue(emitter, java.util.Optional.of(event));
  }

  /** Ends a stream from the server's side, after what was queued for it, for example once its conversation has ended. */
  public void complete(SseEmitter emitter) {
    if (!enqueue(emitter, java.util.Optional.empty())) {
      completeNow(emitter);
    }
  }

  private boolean enqueue(SseEmitter emitter, java.util.Optional<SseEmitter.SseEventBuilder> event) {
    Outbox outbox = outboxes.get(emitter);
    if (outbox == null) {
      return false;
    }
    synchronized (outbox) {
      if (outbox.events.size() < OUTBOX) {
        outbox.events.add(event);
        if (!outbox.writing) {
          outbox.writing = true;
          writers.execute(() -> write(emitter, outbox));
        }
        return true;
      }
      outbox.events.clear();
    }
    log.info("An event stream's reader fell {} events behind; the stream is ended and will resume on reconnect", OUTBOX);
    completeNow(emitter);
    return false;
  }

  /** Writes what the outbox holds, in order, until it is empty; a failed write ends the stream. */
  private void write(SseEmitter emitter, Outbox outbox) {
    while (true) {
      java.util.Optional<SseEmitter.SseEventBuilder> next;
      synchronized (outbox) {
        next = outbox.events.poll();
        if (next == null) {
          outbox.writing = false;
          return;
        }
      }
      if (next.isEmpty()) {
        completeNow(emitter);
        return;
      }
      try {
        emitter.send(next.get());
      } catch (IOException | IllegalStateException gone) {
        forget(emitter);
        return;
      }
    }
  }

  private void completeNow(SseEmitter emitter) {
    forget(emitter);
    try {
      emitter.complete();
    } catch (IllegalStateException alreadyComplete) {
      // Nothing to end.
    }
  }

  /** The emitter of a new stream (a test replaces it with one whose reader it controls). */
  SseEmitter newEmitter(long timeoutMillis) {
    return new SseEmitter(timeoutMillis);
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
    writers.shutdownNow();
  }

  void beat() {
    for (SseEmitter emitter : List.copyOf(open.keySet())) {
      send(emitter, SseEmitter.event().comment("heartbeat"));
    }
    endThoseWhoseCredentialEnded();
  }

  private void endThoseWhoseCredentialEnded() {
    if (credentials == null || openedWith.isEmpty()) {
      return;
    }
    Set<String> ended;
    try {
      ended = credentials.ended(new HashSet<>(openedWith.values()));
    } catch (RuntimeException e) {
      // The store is down: keep the streams (requests are refused meanwhile), look again next beat.
      log.warn("Could not check the credentials of the open streams: {}", e.getMessage());
      return;
    }
    for (Map.Entry<SseEmitter, String> stream : List.copyOf(openedWith.entrySet())) {
      if (ended.contains(stream.getValue())) {
        log.info("An event stream's token no longer signs anyone in; the stream is ended");
        completeNow(stream.getKey());
      }
    }
  }

  /** Removes the stream and runs its end action, once however often it is called. */
  private void forget(SseEmitter emitter) {
    outboxes.remove(emitter);
    openedWith.remove(emitter);
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

  /** Up to 64 writing threads, started when needed and stopped after a minute idle. */
  private static ExecutorService writerPool() {
    var pool =
        new java.util.concurrent.ThreadPoolExecutor(
            64, 64, 60, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), threads("baton-live-write-"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
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
