package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The dev defaults keep a laptop start working and never reach production. */
class DevDefaultsTest {
  private static final String REAL_KEY = "k".repeat(48);

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
    assertThatCode(() -> new DevDefaults(configured(REAL_KEY), prod)).doesNotThrowAnyException();
  }

  @Test
  void aKeyTooShortForHmacIsRefusedEverywhere() {
    assertThatThrownBy(() -> new DevDefaults(configured("short"), new MockEnvironment()))
        .hasMessageContaining("at least 32 bytes");
  }

  private static SecurityProperties defaults() {
    return new SecurityProperties(
        DevDefaults.CUSTOMER_TOKEN_KEY, null, DevDefaults.IDENTITY_KEY, null,
        new SecurityProperties.FirstOperator(null, DevDefaults.OPERATOR_PASSWORD), List.of(), null, null, null, null, null);
  }

  private static SecurityProperties configured(String key) {
    return new SecurityProperties(
        key, null, key, null, new SecurityProperties.FirstOperator("root", "a real long password"), List.of(), null, null, null, null, null);
  }
}
