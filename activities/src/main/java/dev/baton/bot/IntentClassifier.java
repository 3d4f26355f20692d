package dev.baton.bot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.maxent.io.BinaryQNModelReader;
import opennlp.tools.ml.maxent.io.BinaryQNModelWriter;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.maxent.quasinewton.QNTrainer;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Reads which intent a message is, as a probability for each intent. A linear model (Apache
 * OpenNLP's maximum entropy, that is multinomial logistic regression, fitted with L-BFGS and L2
 * regularisation) over {@link TextFeatures}, trained from example utterances.
 *
 * <p>Raw maximum-entropy probabilities are over- or under-confident depending on how many
 * examples there are; the escalation thresholds in rules.yaml need a probability that means what
 * it says. So training also fits a temperature (Guo et al., "On Calibration of Modern Neural
 * Networks", 2017) on out-of-fold predictions: k-fold cross-validation over the same examples,
 * then the temperature that minimises their log loss. The final model is trained on everything.
 */
public final class IntentClassifier {
  /** One labelled utterance. */
  public record Example(String text, String intent) {}

  /** An intent and how likely it is, 0..1. */
  public record Scored(String intent, double probability) {}

  private static final int FOLDS = 3;
  private static final int ITERATIONS = 100;
  private static final double L2_COST = 0.5;
  private static final long SEED = 12;

  private final MaxentModel model;
  private final double temperature;

  private IntentClassifier(MaxentModel model, double temperature) {
    this.model = model;
    this.temperature = temperature;
  }

  /** Trains on {@code examples} and calibrates on their cross-validated predictions. */
  public static IntentClassifier train(List<Example> examples) {
    if (examples.stream().map(Example::intent).distinct().count() < 2) {
      throw new IllegalArgumentException("Intent classifier: needs examples of at least two intents");
    }
    List<List<Example>> folds = folds(examples);
    List<double[]> logits = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    for (int k = 0; k < folds.size(); k++) {
      List<Example> rest = new ArrayList<>();
      for (int j = 0; j < folds.size(); j++) {
        if (j != k) {
          rest.addAll(folds.get(j));
        }
      }
      MaxentModel held = fit(rest);
      for (Example e : folds.get(k)) {
        double[] p = held.eval(TextFeatures.of(e.text()));
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          l[i] = Math.log(Math.max(p[i], 1e-12));
        }
        logits.add(l);
        // An intent missing from the other folds has no index there; it counts as a sure miss.
        truth.add(held.getIndex(e.intent()));
      }
    }
    return new IntentClassifier(fit(examples), bestTemperature(logits, truth));
  }

  /** The classifier as bytes, for {@link #read}: the temperature and OpenNLP's own model format. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream model = new ByteArrayOutputStream();
      new BinaryQNModelWriter((QNModel) this.model, new DataOutputStream(model)).persist();
      ByteArrayOutputStream out = new ByteArrayOutputStream(model.size() + 8);
      DataOutputStream data = new DataOutputStream(out);
      data.writeDouble(temperature);
      model.writeTo(data);
      data.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Intent classifier: cannot write the model", e);
    }
  }

  /** A classifier {@link #toBytes} wrote. */
  public static IntentClassifier read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      double temperature = in.readDouble();
      return new IntentClassifier(new BinaryQNModelReader(in).getModel(), temperature);
    } catch (IOException e) {
      throw new UncheckedIOException("Intent classifier: cannot read the model", e);
    }
  }

  /** Every intent, most likely first. */
  public List<Scored> rank(String text) {
    double[] p = calibrated(model.eval(TextFeatures.of(text)));
    List<Scored> ranked = new ArrayList<>(p.length);
    for (int i = 0; i < p.length; i++) {
      ranked.add(new Scored(model.getOutcome(i), p[i]));
    }
    ranked.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparing(Scored::intent));
    return ranked;
  }

  /** The most likely intent. */
  public Scored best(String text) {
    return rank(text).get(0);
  }

  /** The fitted temperature: above 1 the raw model was over-confident, below 1 under-confident. */
  public double temperature() {
    return temperature;
  }

  private double[] calibrated(double[] p) {
    double[] l = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      l[i] = Math.log(Math.max(p[i], 1e-12));
    }
    return softmax(l, temperature);
  }

  private static MaxentModel fit(List<Example> examples) {
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, QNTrainer.MAXENT_QN_VALUE);
    params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
    params.put(TrainingParameters.CUTOFF_PARAM, 0);
    params.put(QNTrainer.L1COST_PARAM, 0.0);
    params.put(QNTrainer.L2COST_PARAM, L2_COST);
    params.put(QNTrainer.THREADS_PARAM, 1);
    params.put("PrintMessages", false);
    List<Event> events = new ArrayList<>(examples.size());
    for (Example e : examples) {
      events.add(new Event(e.intent(), TextFeatures.of(e.text())));
    }
    EventTrainer trainer = TrainerFactory.getEventTrainer(params, null);
    try {
      return trainer.train(ObjectStreamUtils.createObjectStream(events));
    } catch (IOException e) {
      throw new UncheckedIOException("Intent classifier: training failed", e);
    }
  }

  /** Stratified folds in a fixed shuffled order, so training is repeatable. */
  private static List<List<Example>> folds(List<Example> examples) {
    Map<String, List<Example>> byIntent = new TreeMap<>();
    examples.forEach(e -> byIntent.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e));
    List<List<Example>> folds = new ArrayList<>();
    for (int k = 0; k < FOLDS; k++) {
      folds.add(new ArrayList<>());
    }
    Random random = new Random(SEED);
    int next = 0;
    for (List<Example> same : byIntent.values()) {
      List<Example> shuffled = new ArrayList<>(same);
      java.util.Collections.shuffle(shuffled, random);
      for (Example e : shuffled) {
        folds.get(next++ % FOLDS).add(e);
      }
    }
    return folds;
  }

  /** The temperature with the lowest log loss, on a log grid from 0.2 to 5. */
  private static double bestTemperature(List<double[]> logits, List<Integer> truth) {
    double best = 1;
    double bestLoss = Double.MAX_VALUE;
    for (int step = -40; step <= 40; step++) {
      double t = Math.pow(5, step / 40.0);
      double loss = 0;
      for (int n = 0; n < logits.size(); n++) {
        int y = truth.get(n);
        double[] p = softmax(logits.get(n), t);
        loss -= y < 0 || y >= p.length ? Math.log(1e-12) : Math.log(Math.max(p[y], 1e-12));
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        best = t;
      }
    }
    return best;
  }

  private static double[] softmax(double[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l / temperature);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] / temperature - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** For reports: the calibrated probabilities of every intent, in model order. */
  Map<String, Double> distribution(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    rank(text).forEach(s -> out.put(s.intent(), s.probability()));
    return out;
  }
}
