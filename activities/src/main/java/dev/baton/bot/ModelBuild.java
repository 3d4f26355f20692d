package dev.baton.bot;

import dev.baton.bot.ClassifierBot.Model;
import dev.baton.bot.ClassifierBot.TrainingData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Builds the shipped model ahead, so no worker trains on its start path: the Maven build of the
 * activities module runs {@link #main} after compiling, which trains the classifier on the
 * shipped catalog's training set and writes {@value #RESOURCE} into the jar. A model of the same
 * version (the same examples and recipe) in the cache folder is copied instead of trained again.
 */
public final class ModelBuild {
  /** Where the shipped model lives on the classpath. */
  public static final String RESOURCE = "bot/model.bin";

  private ModelBuild() {}

  /** {@code ModelBuild OUTPUT_FILE [CACHE_DIR]}; the catalog is the classpath's bot/intents.yaml. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ModelBuild OUTPUT_FILE [CACHE_DIR]");
      System.exit(2);
    }
    Path output = Path.of(args[0]);
    Optional<Path> cache = args.length > 1 && !args[1].isBlank() ? Optional.of(Path.of(args[1])) : Optional.empty();
    IntentCatalog catalog;
    try (InputStream in = ModelBuild.class.getClassLoader().getResourceAsStream("bot/intents.yaml")) {
      catalog = IntentCatalog.read(in);
    }
    TrainingData data = ClassifierBot.trainingData(catalog, List.of());
    Files.createDirectories(output.toAbsolutePath().getParent());
    Optional<Path> cached = cache.map(c -> c.resolve(data.version() + ".bin"));
    if (cached.isPresent() && Files.isRegularFile(cached.get())) {
      Files.copy(cached.get(), output, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("Bot model " + data.version() + ": taken from " + cached.get());
      return;
    }
    long start = System.nanoTime();
    Model model = ClassifierBot.train(catalog, List.of());
    byte[] bytes = model.toBytes();
    Files.write(output, bytes);
    System.out.printf(
        "Bot model %s: trained on %d examples of %d intents in %.1f s, %d KiB%n",
        model.version(), model.examples(), data.examples().stream().map(e -> e.intent()).distinct().count(),
        (System.nanoTime() - start) / 1e9, bytes.length / 1024);
    if (cached.isPresent()) {
      Files.createDirectories(cached.get().getParent());
      Path partial = Files.createTempFile(cached.get().getParent(), data.version(), ".part");
      Files.write(partial, bytes);
      Files.move(partial, cached.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The model built into the jar, if it was built from {@code version}'s training set. */
  public static Optional<Model> shipped(String version) {
    try (InputStream in = ModelBuild.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      Model model = Model.read(in.readAllBytes());
      return model.version().equals(version) ? Optional.of(model) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the shipped bot model", e);
    }
  }
}
