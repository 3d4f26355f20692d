package dev.baton.helpcenter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.QueryBuilder;

/**
 * The published articles of a help center, searchable by a customer's question: an in-memory
 * Lucene index per language, ranked with BM25, answering with the best passage of the best
 * article and a confidence, or with nothing when it is not sure (docs/bot.md, "Help center").
 *
 * <p>Each paragraph of an article is a document of its own, carrying the article's title, tags
 * and whole text beside it: the article that matches the question best wins, and within it the
 * paragraph that does. Immutable and safe to share between threads; a changed help center is a
 * new index.
 */
public final class ArticleIndex {
  /** Each language of the bot's catalogue (bot/intents.yaml) with its Lucene analyzer. */
  static final Map<String, Supplier<Analyzer>> ANALYZERS =
      Map.of(
          "en", () -> new EnglishAnalyzer(snowballStopWords("english_stop.txt")),
          "de", GermanAnalyzer::new,
          "fr", FrenchAnalyzer::new,
          "es", SpanishAnalyzer::new,
          "it", ItalianAnalyzer::new,
          "pt", PortugueseAnalyzer::new,
          "nl", DutchAnalyzer::new);

  // How much a match in each field counts, relative to a match in the paragraph itself.
  static final float TITLE_BOOST = 2.0f;
  static final float TAGS_BOOST = 1.5f;
  static final float ARTICLE_BOOST = 0.5f;
  private static final String SLUG = "slug";
  private static final String TITLE = "title";
  private static final String TAGS = "tags";
  private static final String PASSAGE = "passage";
  private static final String ARTICLE = "article";
  private static final List<Map.Entry<String, Float>> FIELDS =
      List.of(
          Map.entry(PASSAGE, 1.0f), Map.entry(TITLE, TITLE_BOOST), Map.entry(TAGS, TAGS_BOOST), Map.entry(ARTICLE, ARTICLE_BOOST));
  private static final int CANDIDATES = 50;
  /**
   * Only the start of a long message is searched: a question fits well within it, and every
   * distinct word is a clause in each of the four fields, where Lucene refuses a query of more
   * than 1,024 clauses. 500 characters hold at most about 180 distinct words, 720 clauses.
   */
  static final int MAX_QUESTION_CHARS = 500;

  /**
   * How sure the search must be before it answers.
   *
   * @param minConfidence the least confidence ({@link Hit#confidence()}) that is answered
   * @param fullEvidence the weight of matched question words (the sum of their inverse document
   *     frequencies over the articles) at which a match counts in full; a question matched by
   *     less, such as one common word, has its confidence scaled down in proportion
   */
  public record Settings(double minConfidence, double fullEvidence) {
    public Settings {
      if (!(minConfidence >= 0 && minConfidence <= 1)) {
        throw new IllegalArgumentException("minConfidence must be between 0 and 1, not " + minConfidence);
      }
      if (!(fullEvidence > 0)) {
        throw new IllegalArgumentException("fullEvidence must be above 0, not " + fullEvidence);
      }
    }

    /** The defaults, chosen on the tune split of deploy/kb/questions.csv (docs/bot.md). */
    public static Settings defaults() {
      return new Settings(0.50, 6.0);
    }
  }

  /**
   * The answer to a question.
   *
   * @param slug the article's slug, the stable part of its link
   * @param title the article's title
   * @param passage the best paragraph of the article, verbatim
   * @param score the BM25 score of that paragraph with its article's title, tags and text
   * @param confidence in [0, 1]: the share of the question's words, weighted by how rare they are
   *     in the help center, that the title and the passage hold, scaled down when the matched words
   *     weigh less than {@link Settings#fullEvidence()}
   * @param runnerUp the slug of the next best article, or null
   */
  public record Hit(String slug, String title, String passage, float score, double confidence, String runnerUp) {}

  private final Settings settings;
  private final Map<String, LanguageIndex> languages;

  private ArticleIndex(Settings settings, Map<String, LanguageIndex> languages) {
    this.settings = settings;
    this.languages = languages;
  }

  /** An index of the published ones among {@code articles}; drafts are left out. */
  public static ArticleIndex of(List<Article> articles, Settings settings) {
    Map<String, List<Article>> byLanguage =
        articles.stream().filter(Article::published).collect(Collectors.groupingBy(Article::language));
    Map<String, LanguageIndex> languages = new HashMap<>();
    byLanguage.forEach((language, published) -> languages.put(language, new LanguageIndex(analyzerFor(language), published)));
    return new ArticleIndex(settings, Map.copyOf(languages));
  }

  public static ArticleIndex of(List<Article> articles) {
    return of(articles, Settings.defaults());
  }

  /**
   * Snowball's stop-word list for a language (in analysis-common): longer than the analyzers'
   * defaults, it also drops the pronouns, question words and auxiliaries a chat message is full of
   * ("how", "my", "do", "what's"), which say nothing about which article answers.
   */
  static CharArraySet snowballStopWords(String file) {
    try (Reader reader = IOUtils.getDecodingReader(SnowballFilter.class, file, StandardCharsets.UTF_8)) {
      return WordlistLoader.getSnowballWordSet(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene's analysis-common jar holds " + file + ", yet it could not be read", e);
    }
  }

  /** The language's analyzer; languages without one of their own get Lucene's standard analyzer. */
  static Analyzer analyzerFor(String language) {
    return ANALYZERS.getOrDefault(language, StandardAnalyzer::new).get();
  }

  public Settings settings() {
    return settings;
  }

  /** How many published articles of the language are indexed. */
  public int size(String language) {
    LanguageIndex index = languages.get(language);
    return index == null ? 0 : index.articles;
  }

  /**
   * The best passage for a question in the given language, when the search is at least
   * {@link Settings#minConfidence()} sure that its article answers it; otherwise empty, and the
   * bot asks or offers a person.
   */
  public Optional<Hit> search(String question, String language) {
    return best(question, language).filter(hit -> hit.confidence() >= settings.minConfidence());
  }

  /** The best passage whatever its confidence; empty only when no article shares a word with the question. */
  public Optional<Hit> best(String question, String language) {
    LanguageIndex index = languages.get(language);
    if (index == null || question == null || question.isBlank()) {
      return Optional.empty();
    }
    String searched = question.length() > MAX_QUESTION_CHARS ? question.substring(0, MAX_QUESTION_CHARS) : question;
    return index.best(searched, settings.fullEvidence());
  }

  /** One language's articles: the Lucene index of their paragraphs, and in how many articles each word is. */
  private static final class LanguageIndex {
    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    private final int articles;
    private final Map<String, Integer> articleFrequency = new HashMap<>();

    LanguageIndex(Analyzer analyzer, List<Article> published) {
      this.analyzer = analyzer;
      this.articles = published.size();
      ByteBuffersDirectory directory = new ByteBuffersDirectory();
      IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (Article article : published) {
          String tags = String.join(", ", article.tags());
          for (String passage : Passages.of(article.body())) {
            Document doc = new Document();
            doc.add(new StringField(SLUG, article.slug(), Field.Store.YES));
            doc.add(new TextField(TITLE, article.title(), Field.Store.YES));
            doc.add(new TextField(TAGS, tags, Field.Store.NO));
            doc.add(new TextField(PASSAGE, passage, Field.Store.YES));
            doc.add(new TextField(ARTICLE, article.body(), Field.Store.NO));
            writer.addDocument(doc);
          }
          Set<String> terms = terms(article.title() + "\n" + tags + "\n" + article.body());
          terms.forEach(t -> articleFrequency.merge(t, 1, Integer::sum));
        }
        writer.commit();
        searcher = new IndexSearcher(DirectoryReader.open(directory));
        searcher.setSimilarity(new BM25Similarity());
      } catch (IOException e) {
        throw new UncheckedIOException("An in-memory index cannot fail to write, yet it did", e);
      }
    }

    Optional<Hit> best(String question, double fullEvidence) {
      Query query = query(question);
      if (query == null) {
        return Optional.empty();
      }
      try {
        ScoreDoc[] top = searcher.search(query, CANDIDATES).scoreDocs;
        if (top.length == 0) {
          return Optional.empty();
        }
        StoredFields stored = searcher.storedFields();
        Document first = stored.document(top[0].doc);
        String slug = first.get(SLUG);
        String runnerUp = null;
        for (int i = 1; i < top.length && runnerUp == null; i++) {
          String other = stored.document(top[i].doc).get(SLUG);
          if (!other.equals(slug)) {
            runnerUp = other;
          }
        }
        return Optional.of(
            new Hit(slug, first.get(TITLE), first.get(PASSAGE), top[0].score, confidence(question, first.get(TITLE) + "\n" + first.get(PASSAGE), fullEvidence), runnerUp));
      } catch (IOException e) {
        throw new UncheckedIOException("An in-memory index cannot fail to read, yet it did", e);
      }
    }

    private Query query(String question) {
      QueryBuilder builder = new QueryBuilder(analyzer);
      BooleanQuery.Builder fields = new BooleanQuery.Builder();
      boolean any = false;
      for (Map.Entry<String, Float> field : FIELDS) {
        Query words = builder.createBooleanQuery(field.getKey(), question);
        if (words != null) {
          fields.add(new BoostQuery(words, field.getValue()), Occur.SHOULD);
          any = true;
        }
      }
      return any ? fields.build() : null;
    }

    /**
     * The share of the question's words that the answer (the article's title and the passage)
     * holds, each weighted by BM25's inverse document frequency over the language's articles (a
     * word no article holds weighs the most), times how much of {@code fullEvidence} the matched
     * words reach.
     */
    private double confidence(String question, String answer, double fullEvidence) {
      Set<String> held = terms(answer);
      double all = 0;
      double matched = 0;
      for (String word : terms(question)) {
        double idf = idf(articleFrequency.getOrDefault(word, 0));
        all += idf;
        if (held.contains(word)) {
          matched += idf;
        }
      }
      if (all == 0) {
        return 0;
      }
      return matched / all * Math.min(1.0, matched / fullEvidence);
    }

    private double idf(int frequency) {
      return Math.log(1 + (articles - frequency + 0.5) / (frequency + 0.5));
    }

    private Set<String> terms(String text) {
      Set<String> terms = new LinkedHashSet<>();
      try (TokenStream stream = analyzer.tokenStream(ARTICLE, text)) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
          terms.add(term.toString());
        }
        stream.end();
      } catch (IOException e) {
        throw new UncheckedIOException("Reading a string cannot fail, yet it did", e);
      }
      return terms;
    }
  }
}
