package dev.baton.api.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** What every error response promises: its status, problem+json, a Baton type, no stack trace. */
public final class ProblemAssertions {
  private ProblemAssertions() {}

  public static ResultActions expectProblem(ResultActions result, int status, String slug) throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.type").value("urn:baton:problem:" + slug))
        .andExpect(jsonPath("$.detail").isNotEmpty())
        .andExpect(content().string(not(containsString("Exception"))));
  }
}
