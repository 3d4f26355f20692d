package dev.baton.api.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one client may send and hold open ({@code baton.limits.*}); docs/security.md explains each.
 *
 * @param maxBodySize the largest request body; a larger one is answered 413 before it is read
 * @param maxCodecBodySize the largest body the codec endpoint takes (a history's payloads)
 * @param perClient requests from one client address to /api/v1
 * @param perConversation calls that change one conversation (POST to /api/v1/conversations/{id}/…)
 * @param streams open server-sent event streams
 */
@ConfigurationProperties("baton.limits")
public record LimitsProperties(
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue("4MB") DataSize maxCodecBodySize,
    @DefaultValue ClientRate perClient,
    @DefaultValue ConversationRate perConversation,
    @DefaultValue Streams streams) {

  /**
   * A token bucket: {@code burst} calls at once, then {@code perSecond} a second. A burst of 0
   * turns the limit off.
   */
  public interface Rate {
    int burst();

    int perSecond();

    default boolean enabled() {
      return burst() > 0 && perSecond() > 0;
    }
  }

  public record ClientRate(@DefaultValue("200") int burst, @DefaultValue("100") int perSecond) implements Rate {}

  public record ConversationRate(@DefaultValue("20") int burst, @DefaultValue("5") int perSecond) implements Rate {}

  /**
   * @param perConversation streams following one conversation
   * @param perClient streams one client address holds open
   */
  public record Streams(@DefaultValue("10") int perConversation, @DefaultValue("100") int perClient) {}
}
