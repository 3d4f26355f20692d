package dev.baton.helpcenter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts an article's body into the passages the search answers with: its paragraphs, each a
 * verbatim piece of the body, so an answer never holds a word the article does not.
 *
 * <p>A paragraph is a block between blank lines (a table or a list is one block). A heading, and
 * a block that ends with a colon ("You can choose:"), belong to the block after them and are
 * joined to it, blank line and all, so the passage still reads as the article does.
 */
final class Passages {
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n\\s*");

  private Passages() {}

  static List<String> of(String body) {
    List<int[]> blocks = new ArrayList<>();
    Matcher gap = BLANK_LINES.matcher(body);
    int start = 0;
    while (gap.find()) {
      if (gap.start() > start) {
        blocks.add(new int[] {start, gap.start()});
      }
      start = gap.end();
    }
    if (start < body.length()) {
      blocks.add(new int[] {start, body.length()});
    }
    List<String> passages = new ArrayList<>();
    int from = -1;
    for (int[] block : blocks) {
      if (from < 0) {
        from = block[0];
      }
      String text = body.substring(block[0], block[1]).strip();
      boolean leadsIn = text.startsWith("#") && !text.contains("\n") || text.endsWith(":");
      if (!leadsIn) {
        passages.add(body.substring(from, block[1]).strip());
        from = -1;
      }
    }
    if (from >= 0) {
      passages.add(body.substring(from).strip());
    }
    return passages;
  }
}
