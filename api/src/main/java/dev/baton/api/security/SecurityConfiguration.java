package dev.baton.api.security;

import dev.baton.codec.CodecProperties;
import dev.baton.store.accounts.AccountStore;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Security for the api: stateless bearer tokens (no session; the one cookie that signs
 * anyone in is the codec session, read only on the side-effect-free codec endpoint), the token
 * kinds of {@link BearerTokens}, the route rules of {@link AccessRules}, problem+json for 401/403,
 * and CORS for the widget's embedders and for the Temporal UI.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {
  /** The widget's script modules (static/): its entry, its parts, and the parts every page shares. */
  static final List<String> WIDGET_MODULES = List.of("/widget.js", "/widget/**", "/baton/**");

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      AccountTokens accountTokens,
      CustomerTokens customerTokens,
      AccountStore accounts,
      SecurityProperties properties,
      ConversationGate conversations)
      throws Exception {
    BearerTokens tokens = new BearerTokens(accountTokens, customerTokens, accounts, properties);
    ProblemResponses problems = new ProblemResponses();
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .cors(Customizer.withDefaults())
        .authorizeHttpRequests(
            authorize -> {
              // Browsers ask before a cross-origin call; the answer carries no data.
              authorize.requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll();
              for (AccessRules.Rule rule : AccessRules.RULES) {
                authorize
                    .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern()))
                    .access(decide(rule.access(), conversations));
              }
              // A route without a rule is refused to everyone: nothing is public by omission.
              authorize.requestMatchers("/api/**").denyAll();
              // The numbers for Prometheus: a supervisor's personal token in the scrape config.
              authorize
                  .requestMatchers(AccessRules.PROMETHEUS.pattern())
                  .access(decide(AccessRules.PROMETHEUS.access(), conversations));
              // The pages, their scripts, the OpenAPI document and health: no data behind them.
              authorize.anyRequest().permitAll();
            })
        .oauth2ResourceServer(
            resource ->
                resource
                    .authenticationManagerResolver(tokens)
                    .bearerTokenResolver(tokens.location())
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }

  private static AuthorizationManager<RequestAuthorizationContext> decide(
      AccessRules.Access access, ConversationGate conversations) {
    return (authentication, context) ->
        switch (AccessRules.verdict(access, Caller.of(authentication.get()).orElse(null), context.getVariables(), conversations)) {
          case ALLOWED -> new AuthorizationDecision(true);
          case FORBIDDEN -> new AuthorizationDecision(false);
          case UNKNOWN -> new UnknownConversation();
        };
  }

  /** A refusal because the read model has no such conversation: answered 404, as if it did not exist. */
  static final class UnknownConversation extends AuthorizationDecision {
    UnknownConversation() {
      super(false);
    }
  }

  /**
   * Pages on the configured origins may call the API with a bearer token (no cookies); the
   * Temporal UI's origins may call the codec endpoint with the codec session cookie.
   */
  @Bean
  CorsConfigurationSource corsConfigurationSource(SecurityProperties properties, Environment environment) {
    // Bound here, not injected, so that controller slice tests, which leave the codec out, load this.
    List<String> temporalUi = Binder.get(environment).bindOrCreate("baton.codec", CodecProperties.class).corsOrigins();
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(temporalUi);
    codec.setAllowedMethods(List.of("POST"));
    codec.setAllowedHeaders(List.of("Content-Type", "X-Namespace", "Authorization"));
    codec.setAllowCredentials(true);
    codec.setMaxAge(3600L);
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.corsOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Last-Event-ID"));
    cors.setExposedHeaders(List.of("Location", "Retry-After"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    // First: the first pattern that matches a path is the one applied.
    source.registerCorsConfiguration(CodecCookie.PATH + "/**", codec);
    source.registerCorsConfiguration("/api/**", cors);
    // embed.js reads the widget's markup from here.
    source.registerCorsConfiguration("/widget.html", cors);
    // ... and its copy in the customer's language.
    source.registerCorsConfiguration("/widget-i18n/**", cors);
    // ... and loads its script modules, which a browser fetches with CORS from another origin.
    for (String module : WIDGET_MODULES) {
      source.registerCorsConfiguration(module, cors);
    }
    return source;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
