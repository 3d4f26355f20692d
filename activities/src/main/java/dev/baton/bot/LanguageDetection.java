package dev.baton.bot;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which language one message is in, with Lingua (its models ship inside its jar; nothing is
 * downloaded). Only among the languages configured, and only when the message is long enough to
 * tell: one or two words ("ok", "hallo") say too little, so they get no language.
 */
final class LanguageDetection {
  /** Fewer words than this get no language. */
  static final int MIN_WORDS = 3;
  /**
   * Lingua rates every language relative to the best (1.0). Text in no language ("blorf zindle
   * quax") rates several languages alike, so the runner-up must stay at or below this.
   */
  static final double MAX_RUNNER_UP = 0.90;

  /** A language (ISO 639-1, lower case) and how far ahead of the runner-up it is, 0..1. */
  record Detected(String language, double margin) {}

  /** {@code null} with a single language: there is nothing to tell apart. */
  private final LanguageDetector detector;

  LanguageDetection(List<String> languages) {
    IsoCode639_1[] codes =
        languages.stream().map(l -> IsoCode639_1.valueOf(l.toUpperCase(Locale.ROOT))).toArray(IsoCode639_1[]::new);
    this.detector =
        codes.length < 2 ? null : LanguageDetectorBuilder.fromIsoCodes639_1(codes).withPreloadedLanguageModels().build();
  }

  Optional<Detected> detect(String text) {
    if (detector == null) {
      return Optional.empty();
    }
    long words = TextFeatures.words(text).stream().filter(w -> w.chars().anyMatch(Character::isLetter)).count();
    if (words < MIN_WORDS) {
      return Optional.empty();
    }
    Map<Language, Double> confidence = detector.computeLanguageConfidenceValues(text);
    if (confidence.isEmpty()) {
      return Optional.empty();
    }
    var ranked = confidence.entrySet().iterator();
    Map.Entry<Language, Double> best = ranked.next();
    double runnerUp = ranked.hasNext() ? ranked.next().getValue() / best.getValue() : 0;
    if (best.getKey() == Language.UNKNOWN || runnerUp > MAX_RUNNER_UP) {
      return Optional.empty();
    }
    return Optional.of(
        new Detected(best.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT), 1 - runnerUp));
  }
}
