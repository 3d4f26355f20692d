package dev.baton.helpcenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a help center kept as Markdown files with front matter. */
class HelpCenterFilesTest {

  @Test
  void readsTheFrontMatterAndKeepsTheBodyAsWritten(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("en"));
    Files.writeString(
        root.resolve("en/invoices-and-vat.md"),
        """
        ---
        title: "Invoices: where to find them"
        tags: [invoices, vat]
        language: en
        status: published
        ---

        Every order comes with an invoice.

        Open the order in your account and choose "Invoice".
        """);
    Files.writeString(root.resolve("README.md"), "# Not an article\n");

    List<Article> articles = HelpCenterFiles.read(root);

    assertThat(articles).singleElement().satisfies(article -> {
      assertThat(article.slug()).isEqualTo("invoices-and-vat");
      assertThat(article.title()).isEqualTo("Invoices: where to find them");
      assertThat(article.tags()).containsExactly("invoices", "vat");
      assertThat(article.language()).isEqualTo("en");
      assertThat(article.published()).isTrue();
      assertThat(article.body())
          .isEqualTo("Every order comes with an invoice.\n\nOpen the order in your account and choose \"Invoice\".");
    });
  }

  @Test
  void readsTheShippedHelpCenterWithItsTwoDrafts() {
    List<Article> articles = HelpCenterFiles.readClasspath(HelpCenterFiles.SHIPPED);

    assertThat(articles).hasSize(37);
    assertThat(articles).filteredOn(a -> !a.published()).extracting(Article::slug)
        .containsExactlyInAnyOrder("price-match", "student-discount");
    assertThat(articles).allSatisfy(a -> assertThat(a.language()).isEqualTo("en"));
    assertThat(articles).allSatisfy(a -> assertThat(a.body()).doesNotStartWith("---").isNotBlank());
  }

  @Test
  void namesTheFileWhoseFrontMatterIsWrong() {
    assertThatThrownBy(() -> HelpCenterFiles.parse("x", "no front matter here", "en/x.md"))
        .hasMessageContaining("en/x.md")
        .hasMessageContaining("front matter");
    assertThatThrownBy(() -> HelpCenterFiles.parse("x", "---\ntitle: X\nlanguage: en\nstatus: live\n---\nBody", "en/x.md"))
        .hasMessageContaining("en/x.md")
        .hasMessageContaining("published or draft");
    assertThatThrownBy(() -> HelpCenterFiles.parse("x", "---\ntitle: X\nlanguage: en\n---\nBody", "en/x.md"))
        .hasMessageContaining("needs title, language and status");
  }
}
