package dev.baton.bot;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.baton.bot.IntentCatalog.Source;
import dev.baton.bot.IntentClassifier.Example;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the built-in classifier learns from: the catalog's own examples and the rows of its sources
 * (the shared support data, negative examples for {@code out_of_scope}), in a fixed order, and the
 * version that names a model trained on exactly these.
 */
public final class TrainingSet {
  /**
   * Part of every version: changes whenever the classifier's features or training do, so a model
   * built by older code is never taken for a current one.
   */
  static final String RECIPE = "maxent-qn-2";

  private TrainingSet() {}

  /** Every example the catalog names: its own, then each source's, in file order. */
  public static List<Example> of(IntentCatalog catalog) {
    List<Example> all = new ArrayList<>(catalog.examples());
    for (Source source : catalog.sources()) {
      all.addAll(read(source, catalog.intentNames()));
    }
    return all;
  }

  /**
   * The first 12 hex digits of the SHA-256 of the recipe and the examples: the same examples give
   * the same version on every worker and after every restart; any change of them gives a new one.
   */
  public static String version(List<Example> examples) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((RECIPE + "\n").getBytes(StandardCharsets.UTF_8));
      for (Example e : examples) {
        sha.update((e.intent() + "\t" + e.text() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The {@code instruction} and {@code intent} columns of a labelled CSV file (header first). */
  public static List<Example> read(Path csv) {
    try (InputStream in = Files.newInputStream(csv)) {
      return rows(in, csv.toString()).stream()
          .filter(r -> !r.text().isBlank() && !r.intent().isBlank())
          .map(r -> new Example(r.text(), r.intent()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + csv, e);
    }
  }

  private static List<Example> read(Source source, Set<String> intents) {
    String where = source.file().contains(":") ? source.file() : "classpath:" + source.file();
    List<Row> rows;
    try (InputStream in = open(where)) {
      rows = rows(in, where);
    } catch (IOException e) {
      throw new UncheckedIOException("Intent catalog: cannot read source " + where + ": " + e.getMessage(), e);
    }
    Map<String, List<Row>> byIntent = new LinkedHashMap<>();
    for (Row row : rows) {
      if (row.text().isBlank()
          || source.exclude().contains(row.intent())
          || (!source.include().isEmpty() && !source.include().contains(row.intent()))
          || (source.split() != null && !source.split().equals(row.split()))) {
        continue;
      }
      byIntent.computeIfAbsent(row.intent(), k -> new ArrayList<>()).add(row);
    }
    List<Example> examples = new ArrayList<>();
    byIntent.forEach(
        (own, same) -> {
          String intent = source.intent() != null ? source.intent() : own;
          if (!intents.contains(intent)) {
            throw new IllegalArgumentException(
                "Intent catalog: source " + where + " has rows of intent " + intent + ", which is not in the catalog");
          }
          List<Row> chosen = same;
          if (source.perIntent() != null && same.size() > source.perIntent()) {
            chosen = same.stream().sorted(Comparator.comparing(r -> hash(r.text()))).limit(source.perIntent()).toList();
          }
          chosen.forEach(r -> examples.add(new Example(r.text(), intent)));
        });
    return examples;
  }

  private static InputStream open(String where) throws IOException {
    if (where.startsWith("classpath:")) {
      String path = where.substring("classpath:".length()).replaceFirst("^/", "");
      InputStream in = TrainingSet.class.getClassLoader().getResourceAsStream(path);
      if (in == null) {
        throw new IOException("no such resource");
      }
      return in;
    }
    if (where.startsWith("file:")) {
      return Files.newInputStream(Path.of(where.substring("file:".length())));
    }
    throw new IOException("a source is classpath:... or file:...");
  }

  /** One row: the customer's words, its intent, and its split where the file has one. */
  record Row(String text, String intent, String split) {}

  /** Every row of a labelled CSV file. */
  static List<Row> rows(Path csv) {
    try (InputStream in = Files.newInputStream(csv)) {
      return rows(in, csv.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + csv, e);
    }
  }

  private static List<Row> rows(InputStream in, String where) throws IOException {
    CsvMapper mapper = new CsvMapper();
    List<Row> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
      while (it.hasNext()) {
        Map<String, String> row = it.next();
        if (!row.containsKey("instruction") || !row.containsKey("intent")) {
          throw new IllegalArgumentException(where + " needs the columns instruction and intent, has " + row.keySet());
        }
        rows.add(new Row(row.get("instruction").strip(), row.get("intent").strip(), row.get("split")));
      }
    }
    return rows;
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
