package dev.baton.bot;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a message into the features the intent classifier weighs: words, pairs of words, words
 * in the scope of a negation, and character n-grams of every word (so "cancfel" still shares most
 * of its features with "cancel").
 */
final class TextFeatures {
  private static final Pattern CONTRACTION = Pattern.compile("(\\p{L})n't\\b");
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern DIGITS = Pattern.compile("\\p{N}+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  /** Words that turn what follows around: "not fixed", "never arrived", "no longer works". */
  private static final Set<String> NEGATORS =
      Set.of("not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "cannot", "cant");
  /** How many words after a negator it reaches. */
  private static final int NEGATION_SCOPE = 3;
  private static final int MIN_GRAM = 3;
  private static final int MAX_GRAM = 5;

  private TextFeatures() {}

  /** Lower case, no accents, "n't" spelt "not", every run of digits one "0". */
  static List<String> words(String text) {
    String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    s = CONTRACTION.matcher(s).replaceAll("$1 not");
    s = s.replace("won not", "will not").replace("can not", "cannot").replace("ca not", "cannot");
    s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    s = DIGITS.matcher(s).replaceAll("0");
    List<String> words = new ArrayList<>();
    for (String w : NOT_A_WORD.split(s)) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  static String[] of(String text) {
    List<String> words = words(text);
    Set<String> features = new LinkedHashSet<>();
    String previous = "<s>";
    int negatedFor = 0;
    for (String w : words) {
      features.add("w=" + w);
      features.add("b=" + previous + "_" + w);
      if (negatedFor > 0) {
        features.add("neg=" + w);
        negatedFor--;
      }
      if (NEGATORS.contains(w)) {
        negatedFor = NEGATION_SCOPE;
      }
      String padded = "_" + w + "_";
      for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
        for (int i = 0; i + n <= padded.length(); i++) {
          features.add("c=" + padded.substring(i, i + n));
        }
      }
      previous = w;
    }
    features.add("b=" + previous + "_</s>");
    return features.toArray(String[]::new);
  }
}
