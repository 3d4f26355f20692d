package dev.baton.store.notify;

import static dev.baton.store.StoreDatabase.DATA_SOURCE;
import static dev.baton.store.StoreDatabase.JDBC;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The one LISTEN loop of both processes: what is notified on its channels reaches its handler,
 * a killed connection is replaced and the handler told to read again, and it stops promptly.
 */
class ChannelListenerTest {
  private static final ChannelListener.Timing QUICK =
      new ChannelListener.Timing(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(200));

  private final Notifier notifier = new Notifier(JDBC);
  private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
  private final List<Boolean> listenings = new CopyOnWriteArrayList<>();
  private final List<Integer> backends = new CopyOnWriteArrayList<>();
  private final ChannelListener.Handler handler =
      new ChannelListener.Handler() {
        @Override
        public void notified(String channel, String payload) {
          heard.add(channel + ":" + payload);
        }

        @Override
        public void listening(boolean again) {
          listenings.add(again);
        }
      };
  private ChannelListener listener;

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void handsOnWhatIsNotifiedOnEachOfItsChannelsAndNothingElse() throws Exception {
    listener = new ChannelListener("test", this::connect, Set.of(Channels.CONVERSATION, Channels.QUEUES), QUICK, handler);
    listener.start();
    await(listener::isListening, "listening");

    notifier.typing("c-0", "CUSTOMER", null);
    notifier.conversationChanged("c-1");
    notifier.queuesChanged(null);

    assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(Channels.CONVERSATION + ":c-1");
    assertThat(heard.poll(10, TimeUnit.SECONDS)).as("no payload is an empty one").isEqualTo(Channels.QUEUES + ":");
    assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).as("not one of its channels").isNull();
    assertThat(listenings).containsExactly(false);
  }

  @Test
  void aKilledConnectionIsReplacedAndTheHandlerToldToReadAgain() throws Exception {
    listener = new ChannelListener("test", this::connect, Set.of(Channels.CONVERSATION), QUICK, handler);
    listener.start();
    await(listener::isListening, "listening");

    JDBC.queryForObject("select pg_terminate_backend(?)", Boolean.class, backends.get(0));
    await(() -> listenings.size() == 2, "listening again");
    notifier.conversationChanged("c-2");

    assertThat(listenings).containsExactly(false, true);
    assertThat(backends).hasSize(2);
    assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(Channels.CONVERSATION + ":c-2");
  }

  @Test
  void aHandlerThatFailsDoesNotStopTheListener() throws Exception {
    ChannelListener.Handler failing =
        new ChannelListener.Handler() {
          @Override
          public void notified(String channel, String payload) {
            if (payload.equals("bad")) {
              throw new IllegalStateException("cannot handle " + payload);
            }
            handler.notified(channel, payload);
          }

          @Override
          public void listening(boolean again) {}
        };
    listener = new ChannelListener("test", this::connect, Set.of(Channels.CONVERSATION), QUICK, failing);
    listener.start();
    await(listener::isListening, "listening");

    notifier.conversationChanged("bad");
    notifier.conversationChanged("good");

    assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(Channels.CONVERSATION + ":good");
  }

  @Test
  void closingStopsItAtOnceEvenWhileItWaitsToReconnect() throws Exception {
    ChannelListener.Timing patient =
        new ChannelListener.Timing(Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(30));
    listener =
        new ChannelListener(
            "test-closing", () -> { throw new SQLException("PostgreSQL is down"); }, Set.of(Channels.CONVERSATION), patient, handler);
    listener.start();
    Thread.sleep(200); // the first attempt failed; the next one is 30 s away

    long start = System.nanoTime();
    listener.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(listener.isRunning()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-closing") && t.isAlive());
  }

  /** The bot training's use: it reads again after a loss only, never at its first connect. */
  @Test
  void onOneChannelOfAPoolItCallsReconnectedOnlyAfterALoss() throws Exception {
    List<String> reconnects = new CopyOnWriteArrayList<>();
    listener = new ChannelListener(DATA_SOURCE, Channels.BOT_MODEL, heard::add, () -> reconnects.add("again"));
    listener.start();
    await(listener::isListening, "listening");
    notifier.botModelStored("v1");
    assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(reconnects).as("not at the first connect").isEmpty();

    JDBC.queryForList(
        "select pg_terminate_backend(pid) from pg_stat_activity where query = 'LISTEN ' || ?", Channels.BOT_MODEL);
    await(() -> reconnects.size() == 1, "reconnected");
    await(listener::isListening, "listening again");
    notifier.botModelStored("v2");

    assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("v2");
  }

  private Connection connect() throws SQLException {
    Connection connection = DATA_SOURCE.getConnection();
    backends.add(connection.unwrap(PGConnection.class).getBackendPID());
    return connection;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("within 10 s: " + what);
      }
      Thread.sleep(20);
    }
  }
}
