package dev.baton.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rate per conversation counts calls by the conversation they reach, not by how its id is
 * spelled in the path: the percent-encoded spellings Spring decodes to the same id, or a path
 * parameter it strips, take from the same bucket.
 */
class ConversationRateLimitFilterTest {
  private static final int BURST = 4;

  private final ConversationRateLimitFilter filter =
      new ConversationRateLimitFilter(
          new LimitsProperties(
              DataSize.ofKilobytes(64),
              DataSize.ofMegabytes(4),
              new LimitsProperties.ClientRate(0, 0),
              new LimitsProperties.ConversationRate(BURST, 1),
              new LimitsProperties.Streams(10, 100),
              new LimitsProperties.SignIn(List.of(), List.of(), 4),
              new LimitsProperties.Starts(
                  new LimitsProperties.AddressStarts(0, Allowance.valueOf("1/1s")),
                  new LimitsProperties.CustomerStarts(0, Allowance.valueOf("1/1s")))),
          JsonMapper.builder().build());

  @Test
  void everySpellingOfOneConversationIdTakesFromOneBucket() throws Exception {
    List<String> spellings =
        List.of(
            "/api/v1/conversations/c-1/messages",
            "/api/v1/conversations/c%2D1/messages",
            "/api/v1/conversations/%63-1/messages",
            "/api/v1/conversations/%63%2d%31/handoff",
            "/api/v1/conversations/c-1;x=1/messages",
            "/api/v1/conversations/c%2d1/close");

    List<Integer> statuses = new ArrayList<>();
    for (String path : spellings) {
      statuses.add(post(path));
    }

    assertThat(statuses).as("the first %d pass, then the conversation's bucket is empty", BURST)
        .containsExactly(200, 200, 200, 200, 429, 429);
  }

  @Test
  void anIdThatDoesNotDecodeStillTakesFromABucket() throws Exception {
    for (int i = 0; i < BURST; i++) {
      assertThat(post("/api/v1/conversations/c%zz/messages")).isEqualTo(200);
    }
    assertThat(post("/api/v1/conversations/c%zz/messages")).isEqualTo(429);
  }

  @Test
  void anotherConversationHasABucketOfItsOwn() throws Exception {
    for (int i = 0; i < BURST; i++) {
      post("/api/v1/conversations/c-full/messages");
    }
    assertThat(post("/api/v1/conversations/c-full/messages")).isEqualTo(429);
    assertThat(post("/api/v1/conversations/c-fully/messages")).isEqualTo(200);
  }

  private int post(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response.getStatus();
  }
}
