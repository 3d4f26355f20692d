package dev.baton.api.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiException} as problem+json from a servlet filter, where the request has not
 * reached Spring MVC and {@link ApiExceptionHandler} cannot answer it: the same body, the same
 * headers.
 */
public class ProblemWriter {
  private final JsonMapper json;

  public ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  public void write(HttpServletResponse response, ApiException problem) throws IOException {
    response.setStatus(problem.problem().getStatus());
    problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem.problem());
  }
}
