package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The database's default password starts a laptop, never production. */
class DatabasePasswordTest {
  @Test
  void theProdProfileRefusesTheDefaultPasswordByName() {
    MockEnvironment prod = new MockEnvironment().withProperty("spring.datasource.password", "postgres");
    prod.setActiveProfiles("prod");

    assertThatThrownBy(() -> new DatabasePassword(prod)).hasMessageContaining("BATON_DB_PASSWORD is the default");
  }

  @Test
  void aLaptopOrAPasswordOfItsOwnStarts() {
    assertThatCode(() -> new DatabasePassword(new MockEnvironment().withProperty("spring.datasource.password", "postgres")))
        .doesNotThrowAnyException();
    MockEnvironment prod = new MockEnvironment().withProperty("spring.datasource.password", "s3cret-of-its-own");
    prod.setActiveProfiles("prod");
    assertThatCode(() -> new DatabasePassword(prod)).doesNotThrowAnyException();
  }
}
