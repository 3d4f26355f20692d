package dev.baton.bot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls order numbers, amounts and email addresses out of a customer message. */
final class FactExtractor {
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern AMOUNT =
      Pattern.compile(
          "[$€£]\\s?\\d{1,3}(?:,\\d{3})*(?:\\.\\d{1,2})?"
              + "|\\b\\d+(?:[.,]\\d{1,2})?\\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\\b",
          Pattern.CASE_INSENSITIVE);
  /** "order 12345", "order #A-1234", "#123456": at least one digit, so "order status" is not one. */
  private static final Pattern ORDER_REFERENCE =
      Pattern.compile(
          "(?:\\border\\s*(?:no\\.?|number|#)?\\s*:?\\s*#?|#)([a-z]{0,4}-?\\d[a-z0-9-]{2,19})\\b",
          Pattern.CASE_INSENSITIVE);
  /** A bare run of six or more digits is read as an order number too. */
  private static final Pattern LONG_NUMBER = Pattern.compile("(?<![$€£\\d.,])\\b\\d{6,20}\\b(?![.,]\\d)");

  List<Fact> extract(String text) {
    List<Fact> facts = new ArrayList<>();
    String rest = text;
    Matcher emails = EMAIL.matcher(rest);
    while (emails.find()) {
      facts.add(new Fact(Fact.Kind.EMAIL, emails.group()));
    }
    rest = EMAIL.matcher(rest).replaceAll(" ");
    Matcher amounts = AMOUNT.matcher(rest);
    while (amounts.find()) {
      facts.add(new Fact(Fact.Kind.AMOUNT, amounts.group().replaceAll("\\s+", "")));
    }
    rest = AMOUNT.matcher(rest).replaceAll(" ");
    Set<String> orders = new LinkedHashSet<>();
    Matcher references = ORDER_REFERENCE.matcher(rest);
    while (references.find()) {
      orders.add(references.group(1).toUpperCase());
    }
    Matcher numbers = LONG_NUMBER.matcher(rest);
    while (numbers.find()) {
      orders.add(numbers.group());
    }
    orders.forEach(o -> facts.add(new Fact(Fact.Kind.ORDER_NUMBER, o)));
    return facts;
  }
}
