package dev.baton.helpcenter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores the help-center search on questions with known answers (run through
 * {@code deploy/kb-eval.sh}): the shipped articles, searched exactly as the bot will search them,
 * with the default thresholds. For each split: recall@1 on the answerable questions, how many
 * unanswerable ones got an answer, how many answerable ones got none or a wrong one, and the
 * search's own time per question.
 *
 * <p>{@code KbEval QUESTIONS.csv [--split tune|holdout] [--details] [--sweep]}; the CSV's columns
 * are {@code id,question,expected_slug,split} (deploy/kb/README.md).
 */
public final class KbEval {
  static final double TARGET_RECALL = 0.80;
  private static final String LANGUAGE = "en";
  private static final int WARM_UP_ROUNDS = 20;

  /** One row of questions.csv. */
  record Question(String id, String question, @JsonProperty("expected_slug") String expectedSlug, String split) {
    boolean answerable() {
      return expectedSlug != null && !expectedSlug.isBlank();
    }
  }

  private KbEval() {}

  public static void main(String[] args) throws IOException {
    Path file = null;
    List<String> splits = List.of("tune", "holdout");
    boolean details = false;
    boolean sweep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--split" -> {
          if (i + 1 >= args.length || !List.of("tune", "holdout").contains(args[i + 1])) {
            usage("--split needs tune or holdout");
          }
          splits = List.of(args[++i]);
        }
        case "--details" -> details = true;
        case "--sweep" -> sweep = true;
        default -> {
          if (args[i].startsWith("--") || file != null) {
            usage("unknown argument " + args[i]);
          }
          file = Path.of(args[i]);
        }
      }
    }
    if (file == null) {
      usage("give the questions' CSV");
    }
    List<Question> questions = read(file);
    List<Article> articles = HelpCenterFiles.readClasspath(HelpCenterFiles.SHIPPED);
    long started = System.nanoTime();
    ArticleIndex index = ArticleIndex.of(articles);
    double buildMillis = (System.nanoTime() - started) / 1e6;
    ArticleIndex.Settings settings = index.settings();

    System.out.printf(
        Locale.ROOT,
        "Help-center search: %d articles read, %d published (%s) indexed in %.0f ms; %s%n",
        articles.size(),
        index.size(LANGUAGE),
        LANGUAGE,
        buildMillis,
        file);
    System.out.printf(
        Locale.ROOT,
        "Threshold: answers at confidence >= %.2f (minConfidence), full evidence at %.1f (fullEvidence)%n",
        settings.minConfidence(),
        settings.fullEvidence());

    // The JIT compiles the search before it is timed, as on a worker that has answered a few turns.
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (Question q : questions) {
        index.search(q.question(), LANGUAGE);
      }
    }
    for (String split : splits) {
      List<Question> part = questions.stream().filter(q -> q.split().equals(split)).toList();
      score(index, split, part, details);
      if (sweep) {
        sweep(index, part);
      }
    }
  }

  private static void score(ArticleIndex index, String split, List<Question> part, boolean details) {
    int answerable = 0;
    int right = 0;
    int wrong = 0;
    int unanswered = 0;
    int unanswerable = 0;
    int invented = 0;
    long[] nanos = new long[part.size()];
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < part.size(); i++) {
      Question q = part.get(i);
      long started = System.nanoTime();
      Optional<ArticleIndex.Hit> hit = index.search(q.question(), LANGUAGE);
      nanos[i] = System.nanoTime() - started;
      ArticleIndex.Hit best = index.best(q.question(), LANGUAGE).orElse(null);
      if (q.answerable()) {
        answerable++;
        if (hit.isEmpty()) {
          unanswered++;
          misses.add(line("not answered", q, best));
        } else if (hit.get().slug().equals(q.expectedSlug())) {
          right++;
        } else {
          wrong++;
          misses.add(line("wrong article", q, best));
        }
      } else {
        unanswerable++;
        if (hit.isPresent()) {
          invented++;
          misses.add(line("answered, none should be", q, best));
        }
      }
    }
    Arrays.sort(nanos);
    String label = split.equals("holdout") ? "HOLDOUT split (held out: scored only at the end)" : "TUNE split (tuned on)";
    System.out.printf(Locale.ROOT, "%n%s: %d questions, %d answerable, %d unanswerable%n", label, part.size(), answerable, unanswerable);
    System.out.printf(
        Locale.ROOT,
        "  recall@1 on answerable          %3d / %-3d = %5.1f%%   target >= %.0f%%  %s%n",
        right,
        answerable,
        percent(right, answerable),
        TARGET_RECALL * 100,
        answerable > 0 && right >= TARGET_RECALL * answerable ? "met" : "NOT MET");
    System.out.printf(
        Locale.ROOT,
        "  unanswerable that got an answer %3d / %-3d           target 0     %s%n",
        invented,
        unanswerable,
        invented == 0 ? "met" : "NOT MET");
    System.out.printf(Locale.ROOT, "  answerable with no answer       %3d%n", unanswered);
    System.out.printf(Locale.ROOT, "  answerable with a wrong article %3d%n", wrong);
    System.out.printf(
        Locale.ROOT,
        "  search time per question        p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        percentile(nanos, 0.50) / 1e6,
        percentile(nanos, 0.99) / 1e6,
        nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6);
    if (details) {
      misses.forEach(System.out::println);
    }
  }

  /** Recall and answers to unanswerable questions at other thresholds, for tuning. */
  private static void sweep(ArticleIndex index, List<Question> part) {
    System.out.println("  minConfidence  recall@1  unanswerable answered");
    for (int step = 20; step <= 90; step += 5) {
      double threshold = step / 100.0;
      int right = 0;
      int answerable = 0;
      int invented = 0;
      for (Question q : part) {
        Optional<ArticleIndex.Hit> hit = index.best(q.question(), LANGUAGE).filter(h -> h.confidence() >= threshold);
        if (q.answerable()) {
          answerable++;
          if (hit.isPresent() && hit.get().slug().equals(q.expectedSlug())) {
            right++;
          }
        } else if (hit.isPresent()) {
          invented++;
        }
      }
      System.out.printf(Locale.ROOT, "  %13.2f  %7.1f%%  %d%n", threshold, percent(right, answerable), invented);
    }
  }

  private static String line(String what, Question q, ArticleIndex.Hit best) {
    return String.format(
        Locale.ROOT,
        "    %-24s %s \"%s\" expected %s; best %s (confidence %.2f, runner-up %s)",
        what,
        q.id(),
        q.question(),
        q.answerable() ? q.expectedSlug() : "none",
        best == null ? "none" : best.slug(),
        best == null ? 0.0 : best.confidence(),
        best == null ? "none" : best.runnerUp());
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  /** Nearest rank on sorted values. */
  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static List<Question> read(Path file) throws IOException {
    CsvMapper csv = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Question> rows = csv.readerFor(Question.class).with(schema).readValues(file.toFile())) {
      return rows.readAll();
    }
  }

  private static void usage(String problem) {
    System.err.println("kb-eval: " + problem);
    System.err.println("usage: KbEval QUESTIONS.csv [--split tune|holdout] [--details] [--sweep]");
    System.exit(2);
  }
}
