package dev.baton.bot;

import dev.baton.escalation.PaymentData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls order numbers, amounts, email addresses, quoted error messages and payment card numbers
 * out of a customer message. Card numbers are masked here, so the full number never leaves the
 * bot.
 */
final class FactExtractor {
  /** A card number as {@link PaymentData#mask} leaves it. */
  private static final Pattern MASKED_CARD = Pattern.compile("•••• \\d{4}");
  /** 'error "Session expired"', "error 504", "error code E-1234" (unquoted ones need a digit). */
  private static final Pattern ERROR =
      Pattern.compile(
          "\\berror(?:\\s+code)?\\s*[:#]?\\s*(?:[\"\u201c']([^\"\u201d']{2,80})[\"\u201d']|([A-Z0-9][A-Za-z0-9_.-]{1,40}\\b))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  /** "$1250", "$1,250.50", "€ 1.200", "80,00 eur", "750 dollars". */
  private static final Pattern AMOUNT =
      Pattern.compile(
          "[$€£]\\s?\\d+(?:[.,]\\d{3})*(?:[.,]\\d{1,2})?(?!\\d)"
              + "|\\b\\d+(?:[.,]\\d{3})*(?:[.,]\\d{1,2})?\\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\\b",
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
    rest = PaymentData.mask(rest);
    Matcher cards = MASKED_CARD.matcher(rest);
    while (cards.find()) {
      facts.add(new Fact(Fact.Kind.PAYMENT_CARD, cards.group()));
    }
    rest = MASKED_CARD.matcher(rest).replaceAll(" ");
    Matcher errors = ERROR.matcher(rest);
    while (errors.find()) {
      String quoted = errors.group(1) != null ? errors.group(1) : errors.group(2);
      if (quoted.chars().anyMatch(Character::isDigit) || errors.group(1) != null) {
        facts.add(new Fact(Fact.Kind.ERROR_MESSAGE, quoted.strip()));
      }
    }
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
