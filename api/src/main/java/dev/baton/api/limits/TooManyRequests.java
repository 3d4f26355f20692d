package dev.baton.api.limits;

import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A client over one of its limits: 429 with Retry-After, in whole seconds (at least 1). */
public class TooManyRequests extends ApiException {
  private static final long serialVersionUID = 1L;
  private final long retryAfterSeconds;

  public TooManyRequests(Problems type, String detail, Duration retryAfter) {
    super(type, HttpStatus.TOO_MANY_REQUESTS, detail, Map.of("retryAfterSeconds", seconds(retryAfter)), null);
    this.retryAfterSeconds = seconds(retryAfter);
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  @Override
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    return headers;
  }
}
