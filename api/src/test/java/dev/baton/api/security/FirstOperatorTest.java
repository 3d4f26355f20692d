package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The first operator of a fresh installation: made from configuration, with a password bcrypt can take. */
class FirstOperatorTest {
  private final AccountStore accounts = mock(AccountStore.class);

  @Test
  void aFirstOperatorPasswordOver72BytesStopsTheStartNamingTheSettingAndTheLimit() {
    given(accounts.hasAdmin()).willReturn(false);

    for (String tooLong : List.of("x".repeat(100), "€".repeat(25))) {
      assertThatThrownBy(() -> firstOperator(tooLong).run(new DefaultApplicationArguments()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("BATON_FIRST_OPERATOR_PASSWORD")
          .hasMessageContaining("72 bytes");
    }
    verify(accounts, never()).create(anyString(), any(), anyString(), any(), any());
  }

  @Test
  void aFirstOperatorPasswordOf72BytesIsCreated() {
    given(accounts.hasAdmin()).willReturn(false);
    given(accounts.create(anyString(), any(), anyString(), any(), any())).willReturn(Optional.empty());

    firstOperator("é".repeat(36)).run(new DefaultApplicationArguments());

    ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
    verify(accounts).create(eq("operator"), eq("Operator"), eq(Account.ADMIN), hash.capture(), eq(List.of()));
    assertThat(hash.getValue()).startsWith("{bcrypt}");
  }

  @Test
  void withAnAdminTheSettingIsNotUsedAtAll() {
    given(accounts.hasAdmin()).willReturn(true);

    firstOperator("x".repeat(100)).run(new DefaultApplicationArguments());

    verify(accounts, never()).create(anyString(), any(), anyString(), any(), any());
  }

  private FirstOperator firstOperator(String password) {
    SecurityProperties properties =
        new SecurityProperties(null, null, null, null, new SecurityProperties.FirstOperator("operator", password), null, null, null, null, null, null);
    return new FirstOperator(accounts, PasswordEncoderFactories.createDelegatingPasswordEncoder(), properties);
  }
}
