package dev.baton.bot;

import dev.baton.bot.IntentCatalog.Source;
import dev.baton.bot.IntentClassifier.Example;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.EscalationRulesReader;
import dev.baton.escalation.TurnSignals;
import dev.baton.escalation.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the model customers meet: exactly the artefact the worker loads (the model built into
 * the jar, or a model file), read through the same code a turn takes, the classifier bot with the
 * shipped catalog and answers (thresholds, language detection, the destructive pairs, the out-of-
 * scope intent) and then the escalation policy with the shipped rules (requests for a person).
 * Run through {@code deploy/nlu-eval.sh --shipped}.
 */
final class ShippedEval {
  static final double TARGET_ACCURACY = 0.97;
  static final double TARGET_ASKED = 0.03;
  static final double TARGET_OUT_OF_SCOPE_RECALL = 0.90;
  /** How CLINC150 labels the questions outside all of its own 150 intents. */
  static final String OUT_OF_SCOPE_LABEL = "oos";
  private static final int BINS = 10;

  /** One message, what it means, and what the bot and the policy made of it. */
  record Outcome(Example example, BotTurn turn, Verdict verdict, long nanos) {
    boolean asked() {
      return turn.tornWith() != null;
    }

    boolean right() {
      return !asked() && turn.intent().equals(example.intent());
    }

    boolean personRequest() {
      return verdict instanceof Verdict.Escalate e && e.reason() == EscalationReason.CUSTOMER_REQUEST;
    }

    String read() {
      return asked() ? "(asked: " + turn.intent() + " or " + turn.tornWith() + ")" : turn.intent();
    }
  }

  private final IntentCatalog catalog;
  private final ClassifierBot bot;
  private final EscalationPolicy policy;

  ShippedEval(ClassifierBot.Model model) {
    this.catalog = read("bot/intents.yaml", IntentCatalog::read);
    Answers answers = read("bot/answers.yaml", Answers::read);
    this.bot = new ClassifierBot(
        catalog, answers, queue -> Map.of("hours", "Monday to Friday 09:00-17:00", "openNow", "We're open now."), model);
    this.policy = new EscalationPolicy(read("escalation/rules.yaml", new EscalationRulesReader(catalog.intentNames())::read));
  }

  static void run(Path modelFile, List<Path> tests, Path outOfScope, String split) throws IOException {
    long start = System.nanoTime();
    ClassifierBot.Model model =
        modelFile != null
            ? ClassifierBot.Model.read(Files.readAllBytes(modelFile))
            : ClassifierBot.Model.read(resource(ModelBuild.RESOURCE));
    ShippedEval eval = new ShippedEval(model);
    System.out.printf(Locale.ROOT, "Model %s (%s, %d examples), loaded with the bot in %.1f s.%n",
        model.version(), modelFile != null ? modelFile : "built into the jar", model.examples(), (System.nanoTime() - start) / 1e9);
    boolean met = true;
    List<Outcome> inScope = new ArrayList<>();
    for (Path test : tests) {
      inScope.addAll(eval.score(TrainingSet.read(test)));
    }
    if (!inScope.isEmpty()) {
      System.out.printf("%n== In scope: %s ==%n", tests);
      met &= eval.reportInScope(inScope);
    }
    if (outOfScope != null) {
      List<Example> questions = eval.outOfScopeRows(outOfScope, split, null);
      System.out.printf("%n== Out of scope: %s%s, %d questions ==%n", outOfScope, split == null ? "" : " (split " + split + ")", questions.size());
      met &= eval.reportOutOfScope(eval.score(questions));
      List<Example> unlabelled = eval.outOfScopeRows(outOfScope, split, OUT_OF_SCOPE_LABEL);
      if (!unlabelled.isEmpty()) {
        System.out.printf("%n== Of which the file's own out-of-scope questions (intent %s), %d ==%n", OUT_OF_SCOPE_LABEL, unlabelled.size());
        met &= eval.reportOutOfScope(eval.score(unlabelled));
      }
    }
    System.out.println(met ? "\nAll targets met." : "\nSome targets missed.");
  }

  List<Outcome> score(List<Example> examples) {
    List<Outcome> outcomes = new ArrayList<>(examples.size());
    int n = 0;
    for (Example e : examples) {
      long t = System.nanoTime();
      BotTurn turn = bot.respond(new BotRequest("eval-" + n, e.text(), null, null, 1));
      long nanos = System.nanoTime() - t;
      Verdict verdict = policy.afterTurn(new TurnSignals(e.text(), turn, "standard", 0, 0, 0));
      outcomes.add(new Outcome(e, turn, verdict, nanos));
      n++;
    }
    return outcomes;
  }

  /**
   * The questions of a file of out-of-scope data, as {@code out_of_scope}: rows of the intents
   * the catalog's out-of-scope sources leave out (a support bot does cover them: order status,
   * greetings) are skipped, and with {@code split}, rows of other splits; with {@code only}, rows
   * of other intents of the file.
   */
  List<Example> outOfScopeRows(Path file, String split, String only) {
    Set<String> covered = new HashSet<>();
    Set<String> included = new HashSet<>();
    for (Source s : catalog.sources()) {
      if (EscalationPolicy.OUT_OF_SCOPE_INTENT.equals(s.intent())) {
        covered.addAll(s.exclude());
        included.addAll(s.include());
      }
    }
    covered.removeAll(included);
    List<Example> rows = new ArrayList<>();
    for (TrainingSet.Row r : TrainingSet.rows(file)) {
      if ((split == null || split.equals(r.split())) && !covered.contains(r.intent())
          && (only == null || only.equals(r.intent()))) {
        rows.add(new Example(r.text(), EscalationPolicy.OUT_OF_SCOPE_INTENT));
      }
    }
    return rows;
  }

  boolean reportInScope(List<Outcome> outcomes) {
    int n = outcomes.size();
    long right = outcomes.stream().filter(Outcome::right).count();
    long asked = outcomes.stream().filter(Outcome::asked).count();
    List<Outcome> destructive =
        outcomes.stream()
            .filter(o -> !o.asked() && !o.right() && catalog.destructive(o.example().intent(), o.turn().intent()))
            .toList();
    List<Outcome> persons = outcomes.stream().filter(o -> o.example().intent().equals(EscalationPolicy.HUMAN_REQUEST_INTENT)).toList();
    long personsHeard = persons.stream().filter(Outcome::personRequest).count();
    List<Outcome> invented =
        outcomes.stream().filter(o -> !o.example().intent().equals(EscalationPolicy.HUMAN_REQUEST_INTENT) && o.personRequest()).toList();
    long rejected = outcomes.stream().filter(o -> !o.asked() && isOutOfScope(o.turn().intent())).count();

    System.out.printf(Locale.ROOT, "%d messages; the bot read each in %.2f ms on average (language, intent, facts, answer).%n",
        n, outcomes.stream().mapToLong(Outcome::nanos).average().orElse(0) / 1e6);
    System.out.printf(Locale.ROOT, "Accuracy: %.4f (%d right; a turn that asked counts as not right)%n", (double) right / n, right);
    System.out.printf(Locale.ROOT, "Asked instead of answering: %d (%.2f%%)%n", asked, 100.0 * asked / n);
    System.out.printf(Locale.ROOT, "Taken for out of scope or not understood: %d%n", rejected);
    System.out.printf(Locale.ROOT, "Expected calibration error (%d bins): %.4f%n", BINS, ece(outcomes));
    precisionRecall(outcomes);
    confusions(outcomes);
    System.out.printf("%nDestructive confusions: %d%n", destructive.size());
    destructive.forEach(o -> System.out.printf("  %s -> %s: %s%n", o.example().intent(), o.turn().intent(), o.example().text()));
    System.out.printf("Asked (first 10):%n");
    outcomes.stream().filter(Outcome::asked).limit(10)
        .forEach(o -> System.out.printf("  [%s] %s %s%n", o.example().intent(), o.read(), o.example().text()));
    persons.stream().mapToDouble(o -> o.turn().confidence()).min().ifPresent(
        c -> System.out.printf(Locale.ROOT, "Requests for a person heard: %d of %d, the least sure at %.2f%n", personsHeard, persons.size(), c));
    System.out.printf("Requests for a person invented: %d%n", invented.size());
    invented.forEach(o -> System.out.printf("  [%s read as %s] %s%n", o.example().intent(), o.turn().intent(), o.example().text()));

    System.out.printf("%nTargets:%n");
    boolean met = target("accuracy", (double) right / n, ">=", TARGET_ACCURACY);
    met &= target("destructive confusions", destructive.size(), "<=", 0);
    if (!persons.isEmpty()) {
      met &= target("recall of requests for a person", (double) personsHeard / persons.size(), ">=", 1.0);
    }
    met &= target("requests for a person invented", invented.size(), "<=", 0);
    met &= target("asked instead of answering", (double) asked / n, "<=", TARGET_ASKED);
    return met;
  }

  boolean reportOutOfScope(List<Outcome> outcomes) {
    int n = outcomes.size();
    long recognised = outcomes.stream().filter(o -> !o.asked() && EscalationPolicy.OUT_OF_SCOPE_INTENT.equals(o.turn().intent())).count();
    long unknown = outcomes.stream().filter(o -> !o.asked() && EscalationPolicy.UNKNOWN_INTENT.equals(o.turn().intent())).count();
    long asked = outcomes.stream().filter(Outcome::asked).count();
    List<Outcome> accepted = outcomes.stream().filter(o -> !o.asked() && !isOutOfScope(o.turn().intent())).toList();
    List<Outcome> invented = outcomes.stream().filter(Outcome::personRequest).toList();
    System.out.printf(Locale.ROOT, "Recognised as out of scope: %d (%.4f)%n", recognised, (double) recognised / n);
    System.out.printf(Locale.ROOT, "Not understood (intent unknown): %d%n", unknown);
    System.out.printf(Locale.ROOT, "Asked between two intents: %d%n", asked);
    System.out.printf(Locale.ROOT, "Accepted as a support request (false acceptances): %d (%.4f)%n", accepted.size(), (double) accepted.size() / n);
    Map<String, Integer> byIntent = new TreeMap<>();
    accepted.forEach(o -> byIntent.merge(o.turn().intent(), 1, Integer::sum));
    byIntent.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
        .forEach(e -> System.out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
    accepted.stream().limit(15).forEach(o -> System.out.printf("  [%s %.2f] %s%n", o.turn().intent(), o.turn().confidence(), o.example().text()));
    System.out.printf("Requests for a person invented: %d%n", invented.size());
    invented.forEach(o -> System.out.printf("  [%s] %s%n", o.turn().intent(), o.example().text()));
    System.out.printf("%nTarget:%n");
    return target("out-of-scope recall", (double) recognised / n, ">=", TARGET_OUT_OF_SCOPE_RECALL);
  }

  private static boolean isOutOfScope(String intent) {
    return EscalationPolicy.OUT_OF_SCOPE_INTENT.equals(intent) || EscalationPolicy.UNKNOWN_INTENT.equals(intent);
  }

  private static double ece(List<Outcome> outcomes) {
    double[] confidence = new double[BINS];
    int[] correct = new int[BINS];
    for (Outcome o : outcomes) {
      int bin = Math.min(BINS - 1, (int) (o.turn().confidence() * BINS));
      confidence[bin] += o.turn().confidence();
      correct[bin] += o.right() ? 1 : 0;
    }
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      ece += Math.abs(confidence[b] - correct[b]) / outcomes.size();
    }
    return ece;
  }

  private static void precisionRecall(List<Outcome> outcomes) {
    Map<String, int[]> counts = new TreeMap<>(); // right, read as, really
    for (Outcome o : outcomes) {
      counts.computeIfAbsent(o.example().intent(), k -> new int[3])[2]++;
      counts.computeIfAbsent(o.read(), k -> new int[3])[1]++;
      if (o.right()) {
        counts.get(o.example().intent())[0]++;
      }
    }
    System.out.printf(Locale.ROOT, "%n%-40s %9s %9s %7s%n", "intent", "precision", "recall", "n");
    counts.forEach((intent, c) -> {
      if (c[2] > 0) {
        System.out.printf(Locale.ROOT, "%-40s %9.3f %9.3f %7d%n", intent, c[1] == 0 ? 0 : (double) c[0] / c[1], (double) c[0] / c[2], c[2]);
      }
    });
  }

  private static void confusions(List<Outcome> outcomes) {
    Map<String, Integer> confusions = new LinkedHashMap<>();
    outcomes.stream().filter(o -> !o.right())
        .forEach(o -> confusions.merge(o.example().intent() + " -> " + o.read(), 1, Integer::sum));
    System.out.printf("%nTop confusions (actual -> read):%n");
    if (confusions.isEmpty()) {
      System.out.println("  none");
    }
    confusions.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
        .forEach(e -> System.out.printf("  %3d  %s%n", e.getValue(), e.getKey()));
  }

  private static boolean target(String name, double value, String op, double goal) {
    boolean met = op.equals(">=") ? value >= goal : value <= goal;
    System.out.printf(Locale.ROOT, "  %-36s %.4f (target %s %.3f) %s%n", name, value, op, goal, met ? "met" : "MISSED");
    return met;
  }

  private interface Reader<T> {
    T read(InputStream in);
  }

  private static <T> T read(String resource, Reader<T> reader) {
    try (InputStream in = ShippedEval.class.getClassLoader().getResourceAsStream(resource)) {
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ShippedEval.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("No " + name + " on the classpath: build the activities module first");
      }
      return in.readAllBytes();
    }
  }
}
