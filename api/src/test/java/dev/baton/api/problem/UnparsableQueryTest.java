package dev.baton.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A query string Tomcat cannot parse ("?=x", found by the API fuzz on GET /api/v1/metrics) is the
 * client's mistake: 400 invalid-request, not the 500 the catch-all gave.
 */
class UnparsableQueryTest {
  @Test
  void anUnparsableQueryStringIsABadRequest() {
    ResponseEntity<Object> answer =
        new ApiExceptionHandler().unparsableQuery(new InvalidParameterException("Invalid chunk [=] ignored"));
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(((ProblemDetail) answer.getBody()).getType()).isEqualTo(Problems.INVALID_REQUEST.type());
  }
}
