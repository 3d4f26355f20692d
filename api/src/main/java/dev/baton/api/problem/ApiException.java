package dev.baton.api.problem;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error the API answers with one of Baton's problem types. Throw it (or a subclass naming the
 * case) anywhere; {@link ApiExceptionHandler}, the one place errors become responses, renders it.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemDetail problem;

  public ApiException(Problems type, HttpStatus status, String detail) {
    this(type, status, detail, Map.of(), null);
  }

  /** @param properties extra members of the problem, such as the id a 404 did not find */
  public ApiException(Problems type, HttpStatus status, String detail, Map<String, ?> properties, Throwable cause) {
    super(detail, cause);
    this.problem = type.with(status, detail);
    properties.forEach(problem::setProperty);
  }

  /** The problem+json body. */
  public ProblemDetail problem() {
    return problem;
  }

  /** Headers the response carries besides the body, such as Retry-After. */
  public HttpHeaders headers() {
    return HttpHeaders.EMPTY;
  }
}
