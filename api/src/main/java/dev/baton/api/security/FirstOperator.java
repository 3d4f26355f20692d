package dev.baton.api.security;

import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A fresh installation has nobody to sign in as: at start, when there is no enabled admin, the
 * first operator (an admin) is created from configuration. Never changes an existing account, so
 * changing the password in configuration later does nothing; change it over the API. A password
 * bcrypt cannot take (over {@link PasswordHashes#MAX_BYTES} bytes) stops the start, naming the
 * setting, rather than failing inside the hash.
 */
@Component
class FirstOperator implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(FirstOperator.class);

  private final AccountStore accounts;
  private final PasswordEncoder passwords;
  private final SecurityProperties properties;

  FirstOperator(AccountStore accounts, PasswordEncoder passwords, SecurityProperties properties) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (accounts.hasAdmin()) {
      return;
    }
    SecurityProperties.FirstOperator first = properties.firstOperator();
    if (first.password() == null || first.password().isBlank()) {
      log.warn("No admin account exists and BATON_FIRST_OPERATOR_PASSWORD is not set: nobody can sign in.");
      return;
    }
    if (!PasswordHashes.fits(first.password())) {
      throw new IllegalStateException(
          "BATON_FIRST_OPERATOR_PASSWORD is " + first.password().getBytes(StandardCharsets.UTF_8).length + " bytes long;"
              + " a password is at most " + PasswordHashes.MAX_BYTES + " bytes in UTF-8 (bcrypt reads no more), so the"
              + " first operator cannot be created with it. Set a shorter one.");
    }
    accounts
        .create(first.username(), "Operator", Account.ADMIN, passwords.encode(first.password()), List.of())
        .ifPresent(a -> log.info("Created the first operator account '{}' (admin).", a.username()));
  }
}
