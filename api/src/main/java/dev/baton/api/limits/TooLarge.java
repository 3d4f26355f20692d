package dev.baton.api.limits;

import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import org.springframework.http.HttpStatus;

/** A request body, or what it would make of a call, over a limit: 413. */
public class TooLarge extends ApiException {
  private static final long serialVersionUID = 1L;

  public TooLarge(String detail) {
    super(Problems.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, detail);
  }
}
