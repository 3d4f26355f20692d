package dev.baton.api.security;

import dev.baton.store.accounts.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, personal tokens issued to live longer than {@code
 * baton.security.personal-token-max-lifetime} (before there was a cap, or under a higher one) are
 * shortened to it, counted from their issue: the cap holds for every token, not only new ones.
 */
@Component
class PersonalTokenCap implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(PersonalTokenCap.class);

  private final AccountStore accounts;
  private final SecurityProperties properties;

  PersonalTokenCap(AccountStore accounts, SecurityProperties properties) {
    this.accounts = accounts;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    int shortened = accounts.capLifetimes(AccountTokens.PERSONAL, properties.personalTokenMaxLifetime());
    if (shortened > 0) {
      log.info(
          "Shortened {} personal token(s) to baton.security.personal-token-max-lifetime ({} from their issue).",
          shortened,
          properties.personalTokenMaxLifetime());
    }
  }
}
