package dev.baton.api.problem;

import dev.baton.hours.InvalidScheduleException;
import dev.baton.store.tickets.TicketStatusConflict;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place errors become responses: Baton problem+json with a stable {@code type}, a
 * sentence that names what is wrong, and for invalid fields an {@code errors} list of {field,
 * message}. Never a stack trace. Handles Spring MVC's own errors, every {@link ApiException}
 * (each controller's and the conversation errors), and the domain's and store's rejections.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /** One invalid input: where it is (a JSON path or parameter name) and what is wrong with it. */
  record FieldProblem(String field, String message) {}

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(e -> new FieldProblem(e.getField(), message(e)))
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
    return invalid(errors, headers);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors =
        ex.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            e ->
                                new FieldProblem(
                                    result.getMethodParameter().getParameterName(),
                                    e.getDefaultMessage())))
            .toList();
    return invalid(errors, headers);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
    List<FieldProblem> errors =
        ex.getConstraintViolations().stream()
            .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return invalid(errors, new HttpHeaders());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
    return invalid(List.of(new FieldProblem(ex.getName(), "has an invalid value")), new HttpHeaders());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException refused) {
        // The body was cut off by a limit while it was read (a chunked body over the size cap).
        return api(refused);
      }
    }
    String detail =
        ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
            ? "The request needs a JSON body."
            : "The body is not valid JSON, or a field has the wrong type: "
                + JsonErrors.describe(ex.getMostSpecificCause());
    return problem(Problems.MALFORMED_JSON, HttpStatus.BAD_REQUEST, detail, headers);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String given = ex.getContentType() == null ? "no Content-Type" : "Content-Type " + ex.getContentType();
    return problem(
        Problems.UNSUPPORTED_MEDIA_TYPE,
        status,
        "The body must be sent as application/json; this request has " + given + ".",
        headers);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(Problems.NOT_ACCEPTABLE, status, "This API answers with application/json.", headers);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
      HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(
        Problems.METHOD_NOT_ALLOWED, status, ex.getMethod() + " is not supported here.", headers);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(
        Problems.NOT_FOUND, status, "There is nothing at /" + ex.getResourcePath() + ".", headers);
  }

  /** Whatever else Spring MVC reports keeps its status and gets a Baton type. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && problem.getType() != null
        && problem.getType().toString().startsWith("urn:baton:")) {
      return super.handleExceptionInternal(ex, body, headers, status, request);
    }
    Problems type = status.is5xxServerError() ? Problems.INTERNAL_ERROR : Problems.INVALID_REQUEST;
    String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
        ? problem.getDetail()
        : ex.getMessage();
    return super.handleExceptionInternal(ex, type.with(status, detail), headers, status, request);
  }

  /**
   * A multipart body that cannot be parsed (a multipart Content-Type without a boundary, on any
   * route): the request is at fault. Too large an upload keeps Spring's own 413.
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> multipart(MultipartException ex) {
    return problem(
        Problems.INVALID_REQUEST,
        HttpStatus.BAD_REQUEST,
        "The multipart body cannot be parsed (is its boundary missing?); this API takes application/json.",
        new HttpHeaders());
  }

  /**
   * A query string Tomcat cannot parse (a parameter without a name, "?=x", or bytes that are not
   * the declared encoding): the request is at fault, not the api.
   */
  @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
  ResponseEntity<Object> unparsableQuery(org.apache.tomcat.util.http.InvalidParameterException ex) {
    return problem(
        Problems.INVALID_REQUEST,
        HttpStatus.BAD_REQUEST,
        "The query string cannot be parsed: every parameter needs a name and a UTF-8 value.",
        new HttpHeaders());
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException ex) {
    if (ex.problem().getStatus() >= 500) {
      log.warn("{}: {}", ex.problem().getTitle(), ex.getMessage(), ex.getCause());
    }
    return ResponseEntity.status(ex.problem().getStatus())
        .headers(ex.headers())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ex.problem());
  }

  /** Business hours an operator sent that cannot be used: every problem, each with its field. */
  @ExceptionHandler(InvalidScheduleException.class)
  ResponseEntity<Object> invalidSchedule(InvalidScheduleException ex) {
    return invalid(
        ex.problems().stream().map(p -> new FieldProblem(p.field(), p.message())).toList(), new HttpHeaders());
  }

  @ExceptionHandler(TicketStatusConflict.class)
  ResponseEntity<Object> ticketStatusConflict(TicketStatusConflict ex) {
    return api(
        new ApiException(
            Problems.TICKET_STATUS_CONFLICT, HttpStatus.CONFLICT, ex.getMessage(), Map.of("ticketStatus", ex.current()), null));
  }

  /**
   * The database cannot be reached now (down, hung, out of connections): 503 with Retry-After,
   * not 500; the pool's timeouts make this come within about a second (docs/operations.md).
   */
  @ExceptionHandler({DataAccessException.class, CannotCreateTransactionException.class})
  ResponseEntity<Object> store(Exception ex) {
    return StoreUnavailable.of(ex).map(this::api).orElseGet(() -> unexpected(ex));
  }

  /** A bug of ours: logged with its trace, answered without it. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex) {
    log.error("Unexpected error", ex);
    return problem(
        Problems.INTERNAL_ERROR,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "The request could not be completed; it has been logged.",
        new HttpHeaders());
  }

  private ResponseEntity<Object> invalid(List<FieldProblem> errors, HttpHeaders headers) {
    String detail =
        errors.isEmpty()
            ? "The request is invalid."
            : String.join(
                "; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".";
    ProblemDetail problem = Problems.INVALID_REQUEST.with(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  private static ResponseEntity<Object> problem(
      Problems type, HttpStatusCode status, String detail, HttpHeaders headers) {
    return ResponseEntity.status(status).headers(headers).body(type.with(status, detail));
  }

  private static String message(FieldError error) {
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
