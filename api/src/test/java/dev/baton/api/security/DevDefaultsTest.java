package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The dev defaults keep a laptop start working and never reach production. */
class DevDefaultsTest {
  private static final String REAL_KEY = "k".repeat(48);
  private static final String OTHER_KEY = "i".repeat(48);
  private static final String STRONG = "a real long password";

  @Test
  void aLaptopStartsWithTheDevDefaults() {
    assertThatCode(() -> new DevDefaults(defaults(), new MockEnvironment())).doesNotThrowAnyException();
  }

  @Test
  void theProdProfileRefusesEachDevDefaultByName() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");

    assertThatThrownBy(() -> new DevDefaults(defaults(), prod))
        .hasMessageContaining("BATON_CUSTOMER_TOKEN_KEY")
        .hasMessageContaining("BATON_IDENTITY_KEY")
        .hasMessageContaining("BATON_FIRST_OPERATOR_PASSWORD");
    assertThatCode(() -> new DevDefaults(configured(REAL_KEY, OTHER_KEY, "root", STRONG), prod))
        .doesNotThrowAnyException();
  }

  @Test
  void theProdProfileRefusesOneKeyForTokensAndClaims() {
    assertThatThrownBy(() -> new DevDefaults(configured(REAL_KEY, REAL_KEY, "root", STRONG), prod()))
        .hasMessageContaining("BATON_CUSTOMER_TOKEN_KEY and BATON_IDENTITY_KEY are the same key");
    assertThatCode(() -> new DevDefaults(configured(REAL_KEY, REAL_KEY, "root", STRONG), new MockEnvironment()))
        .doesNotThrowAnyException();
  }

  @Test
  void theProdProfileRefusesAFirstOperatorPasswordAGuessFinds() {
    assertThatThrownBy(() -> new DevDefaults(configured(REAL_KEY, OTHER_KEY, "root", "hunter2"), prod()))
        .hasMessageContaining("BATON_FIRST_OPERATOR_PASSWORD is shorter than 12 characters");
    assertThatThrownBy(() -> new DevDefaults(configured(REAL_KEY, OTHER_KEY, "operator", "Operator-2026!"), prod()))
        .hasMessageContaining("BATON_FIRST_OPERATOR_PASSWORD contains the username");
    assertThatCode(() -> new DevDefaults(configured(REAL_KEY, OTHER_KEY, "root", "hunter2"), new MockEnvironment()))
        .doesNotThrowAnyException();
  }

  @Test
  void aKeyTooShortForHmacIsRefusedEverywhere() {
    assertThatThrownBy(() -> new DevDefaults(configured("short", OTHER_KEY, "root", STRONG), new MockEnvironment()))
        .hasMessageContaining("at least 32 bytes");
  }

  private static SecurityProperties defaults() {
    return new SecurityProperties(
        DevDefaults.CUSTOMER_TOKEN_KEY, null, DevDefaults.IDENTITY_KEY, null,
        new SecurityProperties.FirstOperator(null, DevDefaults.OPERATOR_PASSWORD), List.of(), null, null, null, null, null);
  }

  private static MockEnvironment prod() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    return prod;
  }

  private static SecurityProperties configured(String tokenKey, String identityKey, String operator, String password) {
    return new SecurityProperties(
        tokenKey, null, identityKey, null, new SecurityProperties.FirstOperator(operator, password), List.of(), null, null,
        null, null, null);
  }
}
