package dev.baton.api.limits;

import java.util.List;
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
 * @param signIn failed sign-ins, and the password hashes computed at once
 * @param starts conversations started (POST /api/v1/conversations) per client address and per
 *     customer id
 */
@ConfigurationProperties("baton.limits")
public record LimitsProperties(
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue("4MB") DataSize maxCodecBodySize,
    @DefaultValue ClientRate perClient,
    @DefaultValue ConversationRate perConversation,
    @DefaultValue Streams streams,
    @DefaultValue SignIn signIn,
    @DefaultValue Starts starts) {

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

  /**
   * Guessing passwords (docs/security.md, "Sign-in"). Failed sign-ins are counted per username
   * (whether or not the account exists) and per client address; each list of allowances makes the
   * wait grow as failures go on; an empty list turns that limit off.
   *
   * @param perUsername failed sign-ins allowed for one username
   * @param perAddress failed sign-ins allowed from one client address, whatever the usernames
   * @param concurrentHashes password hashes (bcrypt, about 0.1 s of a core each) computed at once
   *     by this api instance; a sign-in beyond them is answered 503 with Retry-After at once,
   *     never queued
   */
  public record SignIn(
      @DefaultValue({"5/1m", "20/1h"}) List<Allowance> perUsername,
      @DefaultValue({"20/1m", "100/1h"}) List<Allowance> perAddress,
      @DefaultValue("4") int concurrentHashes) {
    public SignIn {
      perUsername = perUsername == null ? List.of() : List.copyOf(perUsername);
      perAddress = perAddress == null ? List.of() : List.copyOf(perAddress);
      if (concurrentHashes < 1) {
        throw new IllegalArgumentException("baton.limits.sign-in.concurrent-hashes must be at least 1, not " + concurrentHashes);
      }
    }
  }

  /**
   * Conversations started, each a workflow that may create tickets and call a language model
   * (docs/security.md, "Limits at the door"). The defaults are strict, for a site open to the
   * internet; the local demo, the end-to-end and the benchmark stacks set generous ones and print
   * them. A client address may be a carrier's NAT shared by many customers: raise
   * {@code perAddress} where that shows.
   *
   * @param perAddress starts from one client address
   * @param perCustomer starts for one customer id (verified and anonymous ids apart)
   */
  public record Starts(@DefaultValue AddressStarts perAddress, @DefaultValue CustomerStarts perCustomer) {}

  /**
   * A token bucket for starts: {@code burst} at once, then {@code refill} (attempts per period,
   * {@code 10/1m}) as the bucket fills again. A burst of 0 turns the limit off.
   */
  public interface StartRate {
    int burst();

    Allowance refill();

    default boolean enabled() {
      return burst() > 0;
    }

    /** How it reads in the log and the banners: "20 at once, then 10/1m". */
    default String describe() {
      return enabled() ? burst() + " at once, then " + refill() : "off";
    }
  }

  public record AddressStarts(@DefaultValue("20") int burst, @DefaultValue("10/1m") Allowance refill) implements StartRate {}

  public record CustomerStarts(@DefaultValue("10") int burst, @DefaultValue("20/1h") Allowance refill) implements StartRate {}
}
