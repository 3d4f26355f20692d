package dev.baton.bot;

import dev.baton.bot.IntentClassifier.Example;
import dev.baton.bot.IntentClassifier.Scored;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the bot's intent classifier on one labelled CSV and scores it on another (run through
 * {@code deploy/nlu-eval.sh}): accuracy, precision and recall per intent, the expected
 * calibration error, the most frequent confusions, and the targets of issue 12.
 *
 * <p>The CSVs need a header with the columns {@code instruction} (the customer's words) and
 * {@code intent}; other columns are ignored.
 */
public final class NluEval {
  static final double TARGET_ACCURACY = 0.985;
  static final double TARGET_ECE = 0.03;
  static final String HUMAN_REQUEST = "contact_human_agent";
  private static final int BINS = 10;

  /** What one evaluation measured. */
  record Report(
      int trained,
      int tested,
      long trainMillis,
      double temperature,
      double accuracy,
      double ece,
      Map<String, double[]> precisionRecall,
      Map<String, Integer> confusions) {}

  public static void main(String[] args) throws IOException {
    Path train = null;
    Path test = null;
    double holdout = 0;
    boolean shipped = false;
    Path model = null;
    List<Path> tests = new ArrayList<>();
    Path outOfScope = null;
    String split = null;
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length && !args[i].equals("--shipped")) {
        usage(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--shipped" -> shipped = true;
        case "--model" -> model = Path.of(args[++i]);
        case "--out-of-scope" -> outOfScope = Path.of(args[++i]);
        case "--split" -> split = args[++i];
        case "--train" -> train = Path.of(args[++i]);
        case "--test" -> {
          test = Path.of(args[++i]);
          tests.add(test);
        }
        case "--holdout" -> holdout = Double.parseDouble(args[++i]);
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (shipped) {
      if (tests.isEmpty() && outOfScope == null) {
        usage("--shipped needs --test FILE.csv or --out-of-scope FILE.csv");
      }
      ShippedEval.run(model, tests, outOfScope, split);
      return;
    }
    if (train == null || (test == null) == (holdout <= 0)) {
      usage("give --train and either --test or --holdout");
    }
    List<Example> trainSet = TrainingSet.read(train);
    List<Example> testSet;
    if (test != null) {
      testSet = TrainingSet.read(test);
    } else {
      List<List<Example>> parts = split(trainSet, holdout);
      trainSet = parts.get(0);
      testSet = parts.get(1);
    }
    Report report = evaluate(trainSet, testSet);
    System.out.print(format(report));
    boolean met = report.accuracy() >= TARGET_ACCURACY && report.ece() <= TARGET_ECE
        && (!report.precisionRecall().containsKey(HUMAN_REQUEST) || report.precisionRecall().get(HUMAN_REQUEST)[1] >= 1.0);
    System.out.println(met ? "All targets met." : "Some targets missed.");
  }

  static Report evaluate(List<Example> trainSet, List<Example> testSet) {
    long start = System.nanoTime();
    IntentClassifier classifier = IntentClassifier.train(trainSet);
    long trainMillis = (System.nanoTime() - start) / 1_000_000;

    Map<String, int[]> counts = new TreeMap<>(); // tp, predicted, actual
    Map<String, Integer> confusions = new HashMap<>();
    double[] binConfidence = new double[BINS];
    int[] binCorrect = new int[BINS];
    int[] binSize = new int[BINS];
    int correct = 0;
    for (Example e : testSet) {
      Scored best = classifier.best(e.text());
      boolean right = best.intent().equals(e.intent());
      counts.computeIfAbsent(e.intent(), k -> new int[3])[2]++;
      counts.computeIfAbsent(best.intent(), k -> new int[3])[1]++;
      if (right) {
        correct++;
        counts.get(e.intent())[0]++;
      } else {
        confusions.merge(e.intent() + " -> " + best.intent(), 1, Integer::sum);
      }
      int bin = Math.min(BINS - 1, (int) (best.probability() * BINS));
      binConfidence[bin] += best.probability();
      binCorrect[bin] += right ? 1 : 0;
      binSize[bin]++;
    }
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (binSize[b] > 0) {
        ece += Math.abs(binConfidence[b] - binCorrect[b]) / testSet.size();
      }
    }
    Map<String, double[]> pr = new TreeMap<>();
    counts.forEach(
        (intent, c) -> pr.put(intent, new double[] {c[1] == 0 ? 0 : (double) c[0] / c[1], c[2] == 0 ? Double.NaN : (double) c[0] / c[2], c[2]}));
    return new Report(
        trainSet.size(), testSet.size(), trainMillis, classifier.temperature(),
        (double) correct / testSet.size(), ece, pr, confusions);
  }

  static String format(Report r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Trained on %d examples in %.1f s (calibration temperature %.2f); tested on %d.%n",
        r.trained(), r.trainMillis() / 1000.0, r.temperature(), r.tested()));
    out.append(String.format(Locale.ROOT, "%nAccuracy: %.4f%n", r.accuracy()));
    out.append(String.format(Locale.ROOT, "Expected calibration error (%d bins): %.4f%n", BINS, r.ece()));
    out.append(String.format(Locale.ROOT, "%n%-28s %9s %9s %7s%n", "intent", "precision", "recall", "n"));
    r.precisionRecall().forEach((intent, v) -> out.append(String.format(Locale.ROOT, "%-28s %9.3f %9.3f %7d%n", intent, v[0], v[1], (int) v[2])));
    out.append(String.format("%nTop confusions (actual -> predicted):%n"));
    List<Map.Entry<String, Integer>> top = new ArrayList<>(r.confusions().entrySet());
    top.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    if (top.isEmpty()) {
      out.append("  none\n");
    }
    top.stream().limit(10).forEach(e -> out.append(String.format("  %3d  %s%n", e.getValue(), e.getKey())));
    out.append(String.format("%nTargets:%n"));
    out.append(target("accuracy", r.accuracy(), ">=", TARGET_ACCURACY, r.accuracy() >= TARGET_ACCURACY));
    double[] human = r.precisionRecall().get(HUMAN_REQUEST);
    if (human != null && !Double.isNaN(human[1])) {
      out.append(target(HUMAN_REQUEST + " recall", human[1], ">=", 1.0, human[1] >= 1.0));
    } else {
      out.append("  " + HUMAN_REQUEST + " recall: no such intent in the test set\n");
    }
    out.append(target("expected calibration error", r.ece(), "<=", TARGET_ECE, r.ece() <= TARGET_ECE));
    return out.toString();
  }

  private static String target(String name, double value, String op, double goal, boolean met) {
    return String.format(Locale.ROOT, "  %-34s %.4f (target %s %.3f) %s%n", name, value, op, goal, met ? "met" : "MISSED");
  }

  /** A stratified split in a fixed order: {@code fraction} of each intent is held out. */
  static List<List<Example>> split(List<Example> all, double fraction) {
    Map<String, List<Example>> byIntent = new TreeMap<>();
    all.forEach(e -> byIntent.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e));
    List<Example> train = new ArrayList<>();
    List<Example> test = new ArrayList<>();
    Random random = new Random(2024);
    for (List<Example> same : byIntent.values()) {
      List<Example> shuffled = new ArrayList<>(same);
      Collections.shuffle(shuffled, random);
      int held = (int) Math.round(shuffled.size() * fraction);
      test.addAll(shuffled.subList(0, held));
      train.addAll(shuffled.subList(held, shuffled.size()));
    }
    return List.of(train, test);
  }

  private static void usage(String problem) {
    System.err.println("nlu-eval: " + problem);
    System.err.println("usage: deploy/nlu-eval.sh --train FILE.csv (--test FILE.csv | --holdout 0.2)");
    System.err.println("       deploy/nlu-eval.sh --shipped [--model FILE] [--test FILE.csv]... [--out-of-scope FILE.csv [--split val]]");
    System.exit(2);
  }

  private NluEval() {}
}
