package dev.baton.helpcenter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a help center kept as Markdown files: a folder per language ({@code en/}), one file per
 * article named by its slug, each starting with a YAML front-matter block ({@code title},
 * {@code tags}, {@code language}, {@code status}) followed by the body (helpcenter/README.md).
 * Drafts are read like published articles; the index leaves them out.
 */
public final class HelpCenterFiles {
  /** The demo shop's help center, on the classpath. */
  public static final String SHIPPED = "helpcenter";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private HelpCenterFiles() {}

  /** The front matter's fields. */
  record FrontMatter(String title, List<String> tags, String language, String status) {}

  /** Every article under {@code root} ({@code root/<language>/<slug>.md}), sorted by path. */
  public static List<Article> read(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> markdown =
          files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md"))
              .filter(p -> root.relativize(p).getNameCount() == 2) // not the README beside the folders
              .sorted(Comparator.comparing(Path::toString))
              .toList();
      List<Article> articles = new ArrayList<>();
      for (Path file : markdown) {
        Article article = parse(slugOf(file), Files.readString(file, StandardCharsets.UTF_8), file.toString());
        String folder = file.getParent().getFileName().toString();
        if (!article.language().equals(folder)) {
          throw new IllegalArgumentException(file + ": language " + article.language() + " in the folder of " + folder);
        }
        articles.add(article);
      }
      return articles;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the help center under " + root, e);
    }
  }

  /** Every article under a folder on the classpath ({@link #SHIPPED}), in a jar or not. */
  public static List<Article> readClasspath(String folder) {
    URL url = HelpCenterFiles.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalArgumentException("No folder " + folder + " on the classpath");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return read(Path.of(uri));
      }
      // jar:file:/x.jar!/helpcenter; the Spring Boot jar's nested form is read by the worker's
      // own resource loader, with parse() per file.
      String inside = uri.toString().substring(uri.toString().indexOf("!/") + 1);
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return read(jar.getPath(inside));
      } catch (FileSystemAlreadyExistsException e) {
        return read(FileSystems.getFileSystem(uri).getPath(inside));
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("Could not open " + url, e);
    }
  }

  /**
   * One article from a file's text.
   *
   * @param where the file's name, for the message when its front matter is wrong
   */
  public static Article parse(String slug, String text, String where) {
    String normalised = text.replace("\r\n", "\n");
    if (!normalised.startsWith("---\n")) {
      throw new IllegalArgumentException(where + ": no front matter (the file must start with ---)");
    }
    int end = normalised.indexOf("\n---\n", 3);
    if (end < 0) {
      throw new IllegalArgumentException(where + ": the front matter has no closing ---");
    }
    FrontMatter front;
    try {
      front = YAML.readValue(normalised.substring(4, end), FrontMatter.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": the front matter is not valid YAML: " + e.getMessage(), e);
    }
    if (front == null || blank(front.title()) || blank(front.language()) || blank(front.status())) {
      throw new IllegalArgumentException(where + ": the front matter needs title, language and status");
    }
    Article.Status status;
    try {
      status = Article.Status.valueOf(front.status().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": status must be published or draft, not " + front.status(), e);
    }
    String body = normalised.substring(end + "\n---\n".length()).strip();
    return new Article(slug, front.title().strip(), front.language().strip(), front.tags(), status, body);
  }

  private static String slugOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".md".length());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
