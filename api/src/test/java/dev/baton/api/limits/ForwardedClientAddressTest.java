package dev.baton.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client address the rate per client is keyed on, through a real Tomcat with the api's own
 * application.yml: an {@code X-Forwarded-For} counts only when the connection comes from a proxy
 * named in {@code BATON_TRUSTED_PROXIES}. Every request here comes from 127.0.0.1.
 */
class ForwardedClientAddressTest {
  private static final int BURST = 3;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String LIMITS =
      "baton.limits.per-client.burst=" + BURST + "\nbaton.limits.per-client.per-second=1";

  @Nested
  @SpringBootTest(classes = Api.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = LIMITS)
  class WithNoTrustedProxy {
    @LocalServerPort int port;

    @Test
    void aSpoofedForwardedForDoesNotGiveTheCallerAFreshBucket() throws Exception {
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (int i = 1; i <= BURST + 3; i++) {
        responses.add(get(port, "203.0.113." + i));
      }
      assertThat(responses.get(0).body()).as("the address seen is the connection's").isEqualTo("127.0.0.1");
      assertThat(responses).extracting(HttpResponse::statusCode)
          .as("one bucket for 127.0.0.1, whatever X-Forwarded-For says").contains(429);
    }
  }

  @Nested
  @SpringBootTest(
      classes = Api.class,
      webEnvironment = WebEnvironment.RANDOM_PORT,
      properties = {LIMITS, "BATON_TRUSTED_PROXIES=127\\.0\\.0\\.1"})
  class BehindATrustedProxy {
    @LocalServerPort int port;

    @Test
    void eachForwardedClientHasABucketOfItsOwn() throws Exception {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 1; i <= BURST + 3; i++) {
        statuses.add(get(port, "192.0.2." + i).statusCode());
      }
      assertThat(statuses).as("the proxy forwards six different clients").containsOnly(200);
    }

    @Test
    void theAddressSeenIsTheForwardedClients() throws Exception {
      assertThat(get(port, "198.51.100.8").body()).isEqualTo("198.51.100.8");
    }

    @Test
    void anAddressTheClientPutInFrontOfTheProxysIsNotBelieved() throws Exception {
      // The proxy appends the address it saw; whatever the client sent before it is the client's word.
      assertThat(get(port, "10.9.9.9, 198.51.100.9").body()).isEqualTo("198.51.100.9");
    }
  }

  private static HttpResponse<String> get(int port, String forwardedFor) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/whoami"))
        .header("X-Forwarded-For", forwardedFor)
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    JacksonAutoConfiguration.class
  })
  @Import({RateLimitFilter.class, WhoAmI.class})
  static class Api {}

  @RestController
  static class WhoAmI {
    @GetMapping("/api/v1/whoami")
    String whoami(jakarta.servlet.http.HttpServletRequest request) {
      return request.getRemoteAddr();
    }
  }
}
