package dev.baton.bench;

import dev.baton.bench.BatonApi.Conversation;
import dev.baton.bench.Options.Mode;
import dev.baton.bench.Options.Sizes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The side-by-side benchmark: the bare engine ({@link BareEngine}) and Baton over REST, measured in
 * one run against the same Temporal server, printed as ratios (docs/performance.md explains each
 * figure). Started by deploy/bench.sh, which brings up the stack it measures.
 *
 * <p>Arguments ({@link Options}): {@code --mode smoke|quick|full --api URL --temporal HOST:PORT
 * --namespace NS --operator USER [--worker URL] [--worker-pid N --api-pid N] [--report FILE]
 * [--server DESCRIPTION] [--only P1,P4]}; the operator's password comes from the environment
 * variable {@code BATON_BENCH_PASSWORD}. {@code --worker} is the worker's base URL, whose
 * Prometheus endpoint gives the bot's own reading time in P1. {@code --only} runs the named figures
 * alone (P1 runs with any of P2-P6: it measures the bare update they are compared with), for a
 * profiler attached to one path; {@code --only START} times the worker's start alone.
 */
public final class Bench {
  /** Plain questions the bot answers without escalating or closing: a bot turn and nothing more. */
  static final List<String> BOT_QUESTIONS =
      List.of(
          "how do I return an item",
          "how long does a refund take",
          "can I change the delivery address of my order",
          "how do I cancel my order",
          "where is my order");

  static final String PERSON = "I want to talk to a person please";

  private final Options options;
  private final Sizes sizes;
  private final BatonApi api;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final BareEngine bare;
  private final Report report;
  /** The worker's timer of the bot's reading, or null without {@code --worker}. */
  private final BotReadings botReadings;
  private final Random random = new Random(42);
  /** Conversations the run has opened and left open, to turn random ones when many are open. */
  private final List<Conversation> open = new CopyOnWriteArrayList<>();
  /** Conversations waiting for the agent, taken over and resolved by the next step. */
  private final List<Conversation> escalated = new ArrayList<>();
  private final AtomicLong customers = new AtomicLong();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private String agentToken;
  private final String agentId;

  Bench(Options options) {
    this.options = options;
    this.sizes = Sizes.of(options.mode());
    this.api = new BatonApi(options.api());
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(options.temporal()).build());
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(options.namespace()).build());
    this.bare = new BareEngine(client);
    this.report = new Report(options.mode(), sizes, options.server());
    this.botReadings = options.worker() == null ? null : new BotReadings(options.worker());
    this.agentId = "bench-" + run;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report = new Bench(options).runAll();
    System.out.println();
    System.out.println(report.text());
    if (options.report() != null) {
      report.writeInto(options.report());
      System.out.println("figures written to " + options.report());
    }
    System.exit(0);
  }

  /** Runs every measurement of the mode, in an order where each sees the load it is about. */
  Report runAll() throws Exception {
    try (bare) {
      if (wanted("START") && sizes.starts() > 0) {
        // First, while the stack is idle: the target is a start on an idle machine.
        step("START the worker's start, " + sizes.starts() + " times, before any load");
        workerStart();
      }
      if (options.only().equals(Set.of("START"))) {
        return report;
      }
      prepare();
      if (options.mode() != Mode.SMOKE) {
        step("warm-up, " + sizes.warmupSeconds() + " s a side, not measured");
        warmUp();
      }
      step("P1 bot turn against a bare update");
      p1BotTurn();
      if (options.mode() == Mode.SMOKE) {
        return report;
      }
      if (wanted("P3")) {
        step("P3 turns with 100 conversations open");
        p3Open(100, "100 open");
      }
      if (wanted("P6")) {
        step("P6 escalating turns");
        p6EscalatingTurn();
        step("takeovers and agent messages");
        takeoverAndRelay();
      }
      if (wanted("P5")) {
        step("P5 escalations to the queue stream, one at a time");
        p5Visible();
      }
      if (wanted("P4")) {
        step("P4 " + sizes.messages() + " messages in one conversation");
        p4LongConversation();
      }
      if (wanted("P2")) {
        step("P2 sustained conversations, " + sizes.clients() + " clients");
        p2Sustained();
      }
      if (wanted("P3")) {
        step("P3 turns with " + sizes.idle() + " conversations open");
        p3Open(sizes.idle(), sizes.idle() + " open");
      }
      if (wanted("P5")) {
        step("P5 escalations to the queue stream at " + sizes.rate() + "/s");
        p5VisibleAtRate();
      }
      return report;
    } finally {
      report.repeated(api.repeated());
      service.shutdownNow();
    }
  }

  private boolean wanted(String figure) {
    return options.only().isEmpty() || options.only().contains(figure);
  }

  private static void step(String name) {
    System.err.println("[bench] " + java.time.LocalTime.now().withNano(0) + " " + name);
  }

  /** Queues open around the clock and one agent online for the person requests. */
  private void prepare() {
    String operator = api.signIn(options.operator(), options.password());
    if (options.mode() == Mode.SMOKE) {
      // P1 needs neither; a smoke run leaves the stack as it found it.
      return;
    }
    api.openAroundTheClock(operator);
    agentToken = api.agentToken(operator, agentId, List.of("general"));
    api.goOnline(agentToken, agentId, List.of("general"), 50);
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("bench-heartbeat"));
    heartbeat.scheduleAtFixedRate(
        () -> {
          try {
            api.heartbeat(agentToken, agentId);
          } catch (RuntimeException e) {
            System.err.println("heartbeat failed: " + e.getMessage());
          }
        },
        20,
        20,
        TimeUnit.SECONDS);
  }

  /**
   * Runs both sides' paths (conversations with turns; on Baton every fifth one also escalates and
   * is taken over, answered and resolved) before anything is measured: on two cores the JIT
   * compilers otherwise take half the CPU for minutes after a start, and the figures would be a
   * fresh JVM's, not Baton's (docs/performance.md).
   */
  private void warmUp() throws Exception {
    sustained(4, sizes.warmupSeconds(), this::bareConversation);
    AtomicLong count = new AtomicLong();
    sustained(
        4,
        sizes.warmupSeconds(),
        () -> {
          Conversation conversation = batonConversation();
          if (count.incrementAndGet() % 5 == 0 && "AWAITING_AGENT".equals(api.message(conversation, PERSON))) {
            api.takeover(agentToken, agentId, conversation.id());
            api.agentMessage(agentToken, agentId, conversation.id(), "warm");
            api.resolve(agentToken, agentId, conversation.id());
          } else {
            // Ended, so the open conversations P3 counts are only the ones it opened.
            api.close(conversation);
          }
        });
  }

  /** P1: a plain bot turn over REST against a bare update round trip, one client, interleaved. */
  private void p1BotTurn() {
    Latency bareUpdate = new Latency("bare update");
    Latency bareActivity = new Latency("bare update + activity");
    Latency botTurn = new Latency("Baton bot turn");
    BareEngine.BareConversation plain = bare.start(false);
    BareEngine.BareConversation withActivity = bare.start(true);
    Conversation conversation = startOpen();
    // Warm-up: class loading, connections and caches on both sides, not measured.
    for (int i = 0; i < sizes.warmup(); i++) {
      plain.turn("warm");
      withActivity.turn("warm");
      conversation = botTurn(conversation, i, null, null);
    }
    // The bot's own reading time over the measured turns, from the worker's timer.
    Optional<BotReadings.Window> readings = botReadings == null ? Optional.empty() : botReadings.open();
    // What a bare update costs the history: the floor under P4's events per turn.
    History.Window bareEvents =
        History.window(service, options.namespace(), io.temporal.client.WorkflowStub.fromTyped(plain).getExecution().getWorkflowId());
    int turn = 0;
    while (turn < sizes.turns()) {
      int block = Math.min(25, sizes.turns() - turn);
      for (int i = 0; i < block; i++) {
        bareUpdate.time(() -> plain.turn("hello"));
        bareEvents.turn(service, Math.min(50, sizes.turns()));
        bareActivity.time(() -> withActivity.turn("hello"));
        conversation = botTurn(conversation, turn + i, botTurn, readings.orElse(null));
      }
      turn += block;
    }
    report.p1(bareUpdate, bareActivity, botTurn, bareEvents);
    if (botReadings != null) {
      report.p1BotReadings(readings.map(BotReadings.Window::close), botTurn);
    }
  }

  /**
   * One bot turn on the conversation, timed into {@code latency} when given. A conversation that
   * has had many turns is replaced by a fresh one, so the no-progress rule never turns a plain
   * question into an escalation. The fresh one's first message is read by the bot too; when
   * {@code readings} are counted, that reading is set aside, as it is no turn of the measurement.
   */
  private Conversation botTurn(Conversation conversation, int turn, Latency latency, BotReadings.Window readings) {
    String text = BOT_QUESTIONS.get(turn % BOT_QUESTIONS.size());
    String[] status = new String[1];
    Runnable call = () -> status[0] = api.message(conversation, text);
    if (latency == null) {
      call.run();
    } else {
      latency.time(call);
    }
    report.botTurnOutcome(status[0]);
    if ("BOT_ACTIVE".equals(status[0]) && turn % 10 != 9) {
      return conversation;
    }
    return readings == null ? startOpen() : readings.excluding(this::startOpen);
  }

  private Conversation startOpen() {
    Conversation conversation = api.start(nextCustomer(), "hello");
    open.add(conversation);
    return conversation;
  }

  private String nextCustomer() {
    return "bench-" + run + "-" + customers.incrementAndGet();
  }

  /**
   * P3: opens conversations until {@code count} are open, then measures a bot turn on random ones
   * of them, one client, with the heap and RSS of both processes.
   */
  private void p3Open(int count, String label) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8, daemon("bench-open"));
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = open.size(); i < count; i++) {
        started.add(pool.submit(this::startOpen));
      }
      for (Future<?> future : started) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    Latency latency = new Latency("bot turn with " + label);
    for (int i = 0; i < sizes.turns(); i++) {
      Conversation conversation = open.get(random.nextInt(open.size()));
      String text = BOT_QUESTIONS.get(i % BOT_QUESTIONS.size());
      latency.time(() -> api.message(conversation, text));
    }
    report.p3(label, open.size(), latency, memory("worker", options.workerPid()), memory("api", options.apiPid()));
  }

  /**
   * START: an extra worker started like the stack's own, {@code starts} times, each timed from its
   * process start until it is healthy and polling, then stopped ({@link WorkerStart}).
   */
  private void workerStart() throws Exception {
    WorkerStart start = WorkerStart.like(options.workerPid(), service, options.namespace());
    List<WorkerStart.Result> results = new ArrayList<>();
    // Up to a minute for the machine to settle before each start; none in the test command's run.
    Duration settle = options.mode() == Mode.SMOKE ? Duration.ZERO : Duration.ofMinutes(1);
    for (int i = 1; i <= sizes.starts(); i++) {
      WorkerStart.Result result = start.once(settle);
      System.err.println("[bench] start " + i + ": " + result.describe());
      results.add(result);
    }
    report.start(results);
  }

  /** P6: the customer's turn that asks for a person, which escalates, against a bare update. */
  private void p6EscalatingTurn() {
    Latency escalating = new Latency("Baton escalating turn");
    List<Conversation> waiting = new ArrayList<>();
    for (int i = 0; i < sizes.escalations(); i++) {
      Conversation conversation = api.start(nextCustomer(), "hello");
      String[] status = new String[1];
      escalating.time(() -> status[0] = api.message(conversation, PERSON));
      report.escalationOutcome(status[0]);
      waiting.add(conversation);
    }
    report.p6(escalating);
    escalated.addAll(waiting);
  }

  /**
   * The agent's side of the conversations P6 escalated: the takeover call, and an agent's message
   * until the customer's event stream shows it. Each is resolved afterwards, freeing the agent.
   */
  private void takeoverAndRelay() throws InterruptedException {
    Latency takeover = new Latency("takeover");
    Latency relay = new Latency("agent message to the customer's stream");
    for (Conversation conversation : escalated) {
      takeover.time(() -> api.takeover(agentToken, agentId, conversation.id()));
      String marker = "bench " + UUID.randomUUID();
      Arrival arrival = new Arrival();
      try (BatonApi.EventStream stream =
          api.stream(
              "/api/v1/conversations/" + conversation.id() + "/stream",
              conversation.token(),
              (event, data) -> {
                if (event.equals("message") && data.contains(marker)) {
                  arrival.arrived();
                }
              })) {
        // The stream first replays the transcript; the measurement starts once it is live.
        Thread.sleep(100);
        long start = System.nanoTime();
        api.agentMessage(agentToken, agentId, conversation.id(), marker);
        relay.record(arrival.await(Duration.ofSeconds(10)) - start);
      }
      api.resolve(agentToken, agentId, conversation.id());
    }
    escalated.clear();
    report.agentPaths(takeover, relay);
  }

  /** P5, one at a time: from the escalating call to the agent's queue stream counting it. */
  private void p5Visible() throws InterruptedException {
    Latency visible = new Latency("escalation visible on the queue stream, one at a time");
    try (QueueWatch watch = new QueueWatch(api, agentToken)) {
      for (int i = 0; i < sizes.visible(); i++) {
        Conversation conversation = api.start(nextCustomer(), "hello");
        int before = watch.waiting();
        long start = System.nanoTime();
        api.message(conversation, PERSON);
        visible.record(watch.awaitWaiting(before + 1, Duration.ofSeconds(10)) - start);
        escalated.add(conversation);
      }
    }
    report.p5(visible, null);
    // Taken and resolved, so the queue is empty again when P5 runs at a rate.
    for (Conversation conversation : escalated) {
      api.takeover(agentToken, agentId, conversation.id());
      api.resolve(agentToken, agentId, conversation.id());
    }
    escalated.clear();
  }

  /** P5 at a rate: escalations sent on a fixed schedule, each matched to the count that shows it. */
  private void p5VisibleAtRate() throws Exception {
    List<Conversation> ready = new ArrayList<>();
    for (int i = 0; i < sizes.atRate(); i++) {
      ready.add(api.start(nextCustomer(), "hello"));
    }
    Latency visible = new Latency("escalation visible on the queue stream, at " + sizes.rate() + "/s");
    // The escalating call itself at that rate, to tell the turn's share from the stream's.
    Latency turns = new Latency("escalating turn, at " + sizes.rate() + "/s");
    ScheduledExecutorService schedule = Executors.newScheduledThreadPool(16, daemon("bench-rate"));
    try (QueueWatch watch = new QueueWatch(api, agentToken)) {
      int before = watch.waiting();
      long[] sent = new long[ready.size()];
      List<Future<?>> calls = new ArrayList<>();
      long periodNanos = TimeUnit.SECONDS.toNanos(1) / sizes.rate();
      for (int i = 0; i < ready.size(); i++) {
        int index = i;
        calls.add(
            schedule.schedule(
                () -> {
                  sent[index] = System.nanoTime();
                  api.message(ready.get(index), PERSON);
                  turns.record(System.nanoTime() - sent[index]);
                },
                index * periodNanos,
                TimeUnit.NANOSECONDS));
      }
      for (Future<?> call : calls) {
        call.get();
      }
      // The k-th escalation sent is matched with the first count of before + k; they go out 50 ms
      // apart, so the order they are counted in is the order they were sent in.
      long[] order = java.util.Arrays.copyOf(sent, sent.length);
      java.util.Arrays.sort(order);
      for (int k = 0; k < order.length; k++) {
        visible.record(watch.awaitWaiting(before + k + 1, Duration.ofSeconds(20)) - order[k]);
      }
    } finally {
      schedule.shutdownNow();
    }
    report.p5(null, visible);
    report.detail(turns);
  }

  /**
   * P4: one conversation with many messages: the last turns against the first, and what each
   * turn adds to the workflow's history.
   */
  private void p4LongConversation() {
    Conversation conversation = api.start(nextCustomer(), "hello");
    String workflowId = "conversation-" + conversation.id();
    Latency first = new Latency("first " + sizes.window() + " turns");
    Latency last = new Latency("last " + sizes.window() + " turns");
    History.Window events = null;
    for (int i = 0; i < sizes.messages(); i++) {
      String text = BOT_QUESTIONS.get(i % BOT_QUESTIONS.size());
      Latency into = i < sizes.window() ? first : i >= sizes.messages() - sizes.window() ? last : null;
      if (i == 10) {
        events = History.window(service, options.namespace(), workflowId);
      }
      String[] status = new String[1];
      if (into == null) {
        status[0] = api.message(conversation, text);
      } else {
        into.time(() -> status[0] = api.message(conversation, text));
      }
      if (events != null) {
        events.turn(service, 50);
      }
      if (!"BOT_ACTIVE".equals(status[0])) {
        throw new IllegalStateException(
            "the long conversation left the bot after " + (i + 1) + " messages (" + status[0] + ")");
      }
    }
    report.p4(first, last, events, History.runs(client, workflowId));
  }

  /**
   * P2: as many conversations (start and three turns) as clients can push through in a fixed
   * time, on the bare engine and then on Baton.
   */
  private void p2Sustained() throws Exception {
    double bareRate = sustained(sizes.clients(), sizes.seconds(), this::bareConversation);
    double batonRate = sustained(sizes.clients(), sizes.seconds(), () -> open.add(batonConversation()));
    report.p2(sizes.clients(), bareRate, batonRate);
  }

  /** A bare conversation: started by its first update, then three more. */
  private void bareConversation() {
    BareEngine.BareConversation conversation = bare.start(false);
    for (int i = 0; i < 3; i++) {
      conversation.turn("hello");
    }
  }

  /** A Baton conversation over REST: started with a first message, then three plain questions. */
  private Conversation batonConversation() {
    Conversation conversation = api.start(nextCustomer(), "hello");
    for (int i = 0; i < 3; i++) {
      api.message(conversation, BOT_QUESTIONS.get(i));
    }
    return conversation;
  }

  /** Conversations per second that {@code clients} threads complete in {@code seconds}. */
  private static double sustained(int clientCount, int seconds, Runnable conversation) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(clientCount, daemon("bench-load"));
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < clientCount; c++) {
        clients.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    conversation.run();
                    done.incrementAndGet();
                  }
                }));
      }
      for (Future<?> future : clients) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    return done.get() / (double) seconds;
  }

  private static Memory memory(String name, long pid) {
    return pid > 0 ? Memory.of(name, pid) : null;
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The moment an awaited event arrived. */
  private static final class Arrival {
    private long at;

    synchronized void arrived() {
      if (at == 0) {
        at = System.nanoTime();
        notifyAll();
      }
    }

    synchronized long await(Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (at == 0) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("the agent's message did not reach the customer's stream in " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return at;
    }
  }
}
