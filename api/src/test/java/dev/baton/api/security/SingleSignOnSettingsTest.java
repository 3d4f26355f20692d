package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Single sign-on is never half configured: an issuer without Baton's audience does not start. */
class SingleSignOnSettingsTest {
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  private final ApplicationContextRunner api = new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Test
  void anIssuerWithoutAnAudienceStopsTheStartNamingTheSetting() {
    api.withPropertyValues("baton.security.oidc.issuer-uri=https://sso.example.test")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("BATON_OIDC_AUDIENCE");
        });
  }

  @Test
  void anIssuerWithAnAudienceStartsAndNoIssuerNeedsNone() {
    api.withPropertyValues("baton.security.oidc.issuer-uri=https://sso.example.test", "baton.security.oidc.audience=baton-api")
        .run(context -> assertThat(context).hasNotFailed());
    api.run(context -> assertThat(context).hasNotFailed());
  }
}
