package dev.baton.api.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The secrets that keep a bare {@code java -jar} start working, marked as such: each one in use
 * is named in the log at start, and the {@code prod} profile refuses to start with any of them,
 * with one key for both customer tokens and identity claims (the embedding site, which holds the
 * identity key, could then mint any customer's token), or with a first operator's password a
 * guess finds (shorter than an account's password may be, or holding the username). A key too
 * short for HMAC-SHA256 is refused in every profile. deploy/run.sh generates real ones into
 * .baton/.
 */
@Component
public class DevDefaults {
  public static final String CUSTOMER_TOKEN_KEY = "DEV-ONLY customer token key: never use outside a laptop";
  public static final String IDENTITY_KEY = "DEV-ONLY identity key: never use outside a laptop, anyone can sign";
  public static final String OPERATOR_PASSWORD = "dev-only-operator-password";

  private static final Logger log = LoggerFactory.getLogger(DevDefaults.class);
  private static final int MIN_KEY_BYTES = 32;

  DevDefaults(SecurityProperties properties, Environment environment) {
    List<String> defaults = new ArrayList<>();
    if (CUSTOMER_TOKEN_KEY.equals(properties.customerTokenKey())) {
      defaults.add("BATON_CUSTOMER_TOKEN_KEY (the key customer tokens are signed with)");
    }
    if (IDENTITY_KEY.equals(properties.identityKey())) {
      defaults.add("BATON_IDENTITY_KEY (the key identity claims are checked with: anyone can sign a vip claim)");
    }
    if (OPERATOR_PASSWORD.equals(properties.firstOperator().password())) {
      defaults.add("BATON_FIRST_OPERATOR_PASSWORD (the first operator's password)");
    }
    List<String> unsafe = new ArrayList<>(defaults.stream().map(d -> d + " is the dev default").toList());
    if (properties.customerTokenKey() != null && properties.customerTokenKey().equals(properties.identityKey())) {
      unsafe.add(
          "BATON_CUSTOMER_TOKEN_KEY and BATON_IDENTITY_KEY are the same key (the site that signs identity claims"
              + " could sign any customer's token)");
    }
    String weak = weakness(properties.firstOperator());
    if (weak != null) {
      unsafe.add("BATON_FIRST_OPERATOR_PASSWORD " + weak);
    }
    List<String> problems = new ArrayList<>();
    checkKey("BATON_CUSTOMER_TOKEN_KEY", properties.customerTokenKey(), problems);
    checkKey("BATON_IDENTITY_KEY", properties.identityKey(), problems);
    if (environment.acceptsProfiles(Profiles.of("prod"))) {
      problems.addAll(unsafe);
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "The prod profile refuses to start: " + String.join("; ", problems) + ". See docs/security.md.");
      }
    } else if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems) + ". See docs/security.md.");
    }
    for (String u : unsafe) {
      log.warn("UNSAFE for production: {}. Fine on a laptop; the prod profile refuses it.", u);
    }
  }

  /**
   * What makes the first operator's password easy to guess, or null: the first operator is an
   * admin, created from configuration without the checks an account's new password gets. The dev
   * default is named on its own.
   */
  private static String weakness(SecurityProperties.FirstOperator first) {
    String password = first.password();
    if (password == null || password.isBlank() || OPERATOR_PASSWORD.equals(password)) {
      return null;
    }
    if (password.codePointCount(0, password.length()) < PasswordHashes.MIN_CHARACTERS) {
      return "is shorter than " + PasswordHashes.MIN_CHARACTERS + " characters";
    }
    String username = first.username();
    if (username != null && !username.isBlank() && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return "contains the username";
    }
    return null;
  }

  private static void checkKey(String name, String key, List<String> problems) {
    if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
      problems.add(name + " must be at least " + MIN_KEY_BYTES + " bytes");
    }
  }
}
