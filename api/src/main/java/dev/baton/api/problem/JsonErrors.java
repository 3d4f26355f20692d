package dev.baton.api.problem;

import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/** Says where a JSON body went wrong, in words a front-end developer can act on. */
final class JsonErrors {
  private JsonErrors() {}

  static String describe(Throwable cause) {
    if (!(cause instanceof JacksonException json)) {
      return "it could not be read.";
    }
    if (json instanceof StreamReadException) {
      return "the JSON is cut short or malformed"
          + (json.getLocation() == null ? "." : " near line " + json.getLocation().getLineNr()
              + ", column " + json.getLocation().getColumnNr() + ".");
    }
    String field =
        json.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return field.isEmpty() ? "it does not match the expected shape." : field + " has the wrong type.";
  }
}
