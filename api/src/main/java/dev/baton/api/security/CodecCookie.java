package dev.baton.api.security;

/**
 * The cookie that carries a supervisor's codec session to the codec endpoint, where the Temporal
 * UI calls it from the supervisor's browser ({@code dev.baton.api.codec.CodecSessionController}
 * sets it; {@link BearerTokens} reads it there and nowhere else).
 */
public final class CodecCookie {
  public static final String NAME = "baton_codec";
  /** Where the cookie is accepted, and the only path the browser sends it to. */
  public static final String PATH = "/api/v1/codec";

  private CodecCookie() {}
}
