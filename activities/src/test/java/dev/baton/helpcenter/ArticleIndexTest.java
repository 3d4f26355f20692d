package dev.baton.helpcenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The help-center search over the shipped articles, with its default thresholds. The questions
 * here are the test's own, not deploy/kb/questions.csv's, which judge the search and are not
 * tuned on in tests.
 */
class ArticleIndexTest {
  private static final List<Article> SHIPPED = HelpCenterFiles.readClasspath(HelpCenterFiles.SHIPPED);
  private static final Map<String, Article> BY_SLUG =
      SHIPPED.stream().collect(Collectors.toMap(Article::slug, Function.identity()));
  private static final ArticleIndex INDEX = ArticleIndex.of(SHIPPED);

  @Test
  void answersAParaphrasedQuestionWithTheRightArticleAndItsOwnWords() {
    Optional<ArticleIndex.Hit> hit = INDEX.search("what if my delivery arrives damaged?", "en");

    assertThat(hit).hasValueSatisfying(h -> {
      assertThat(h.slug()).isEqualTo("damaged-or-wrong-items");
      assertThat(h.title()).isEqualTo(BY_SLUG.get("damaged-or-wrong-items").title());
      assertThat(h.passage()).contains("within 14 days");
      assertThat(BY_SLUG.get(h.slug()).body()).as("the passage is verbatim article text").contains(h.passage());
      assertThat(h.confidence()).isBetween(INDEX.settings().minConfidence(), 1.0);
    });
  }

  @Test
  void everyAnswerIsAPieceOfItsArticle() {
    for (String question :
        List.of("I forgot my password", "how long do refunds take", "can I change where my parcel goes", "is there a guarantee")) {
      INDEX.best(question, "en").ifPresent(h -> assertThat(BY_SLUG.get(h.slug()).body()).as(question).contains(h.passage()));
    }
  }

  @Test
  void refusesAQuestionNoArticleAnswers() {
    assertThat(INDEX.search("what's a good recipe for banana bread", "en")).isEmpty();
    assertThat(INDEX.search("who won the football match yesterday", "en")).isEmpty();
  }

  @Test
  void neverAnswersFromADraft() {
    Article draft = BY_SLUG.get("student-discount");
    assertThat(draft.published()).isFalse();

    // Even the draft's own title finds nothing of it.
    assertThat(INDEX.best(draft.title(), "en")).map(ArticleIndex.Hit::slug).isNotEqualTo(Optional.of(draft.slug()));
    assertThat(INDEX.search("do students get money off?", "en")).isEmpty();

    ArticleIndex draftsOnly = ArticleIndex.of(List.of(draft));
    assertThat(draftsOnly.size("en")).isZero();
    assertThat(draftsOnly.best(draft.title(), "en")).isEmpty();
  }

  @Test
  void answersOnlyInTheArticlesLanguage() {
    assertThat(INDEX.best("what if my delivery arrives damaged?", "de")).isEmpty();
  }

  @Test
  void readsEachLanguageWithItsOwnAnalyzer() {
    ArticleIndex german =
        ArticleIndex.of(
            List.of(
                new Article("ruecksendungen", "Rücksendungen", "de", List.of(), Article.Status.PUBLISHED,
                    "Rücksendungen sind innerhalb von 30 Tagen kostenlos."),
                new Article("versandkosten", "Versandkosten", "de", List.of(), Article.Status.PUBLISHED,
                    "Der Versand nach Deutschland kostet 3,95 Euro.")));

    // "Rücksendung" finds "Rücksendungen" only through German stemming.
    assertThat(german.best("Ist eine Rücksendung möglich?", "de")).map(ArticleIndex.Hit::slug).hasValue("ruecksendungen");
    assertThat(german.best("Ist eine Rücksendung möglich?", "en")).isEmpty();
  }

  @Test
  void aVeryLongMessageIsSearchedByItsStart() {
    StringBuilder pasted = new StringBuilder("what does express delivery cost? ");
    for (int i = 0; i < 3_000; i++) {
      pasted.append("word").append(Integer.toString(i, 36)).append(' ');
    }

    assertThat(INDEX.best(pasted.toString(), "en")).isPresent();
  }

  @Test
  void thresholdsOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> new ArticleIndex.Settings(1.5, 6.0))
        .hasMessageContaining("minConfidence");
    assertThatThrownBy(() -> new ArticleIndex.Settings(0.5, 0))
        .hasMessageContaining("fullEvidence");
  }

  @Test
  void passagesArePiecesOfTheBodyWithHeadingsAndLeadInsKeptWithWhatFollows() {
    String body = "## Paying\n\nYou can choose:\n\n- a card\n- PayPal\n\nThat is all.";

    assertThat(Passages.of(body)).containsExactly("## Paying\n\nYou can choose:\n\n- a card\n- PayPal", "That is all.");
  }
}
