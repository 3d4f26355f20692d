package dev.baton.helpcenter;

import java.util.List;
import java.util.Objects;

/**
 * One help-center article: what a team writes once so that the bot and agents can answer from it.
 *
 * @param slug the stable part of its link, in kebab case ({@code how-to-return-an-item})
 * @param title shown with every answer taken from it
 * @param language ISO 639-1 code; the search reads it with that language's analyzer
 * @param tags topics, searched with the text
 * @param status published articles are answered from, drafts never
 * @param body the text in Markdown; answers quote it verbatim
 */
public record Article(String slug, String title, String language, List<String> tags, Status status, String body) {

  /** Whether an article may be answered from. */
  public enum Status {
    PUBLISHED,
    DRAFT
  }

  public Article {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(body, "body");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public boolean published() {
    return status == Status.PUBLISHED;
  }
}
