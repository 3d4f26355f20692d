package dev.baton.store.accounts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accounts ({@code accounts}) and their opaque bearer tokens ({@code api_tokens}). Passwords and
 * tokens arrive here already hashed: the api hashes them, the database never sees either.
 */
public class AccountStore {
  private static final String COLUMNS = "username, name, role, queues, disabled, created_at";

  private final JdbcTemplate jdbc;

  public AccountStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates an account; empty when the username is taken. */
  public Optional<Account> create(String username, String name, String role, String passwordHash, List<String> queues) {
    try {
      jdbc.update(
          "insert into accounts (username, name, role, password_hash, queues) values (?, ?, ?, ?, ?)",
          username,
          name == null ? username : name,
          role,
          passwordHash,
          queues.toArray(String[]::new));
    } catch (DuplicateKeyException taken) {
      return Optional.empty();
    }
    return find(username);
  }

  public Optional<Account> find(String username) {
    return jdbc.query("select " + COLUMNS + " from accounts where username = ?", AccountStore::account, username)
        .stream()
        .findFirst();
  }

  /** Every account, by username. */
  public List<Account> list() {
    return jdbc.query("select " + COLUMNS + " from accounts order by username", AccountStore::account);
  }

  /** Whether any enabled admin exists (the first operator is created only when none does). */
  public boolean hasAdmin() {
    Integer admins =
        jdbc.queryForObject("select count(*) from accounts where role = 'ADMIN' and not disabled", Integer.class);
    return admins != null && admins > 0;
  }

  /** The stored password hash of an enabled account; empty when there is none to check. */
  public Optional<String> passwordHash(String username) {
    return jdbc.queryForList(
            "select password_hash from accounts where username = ? and not disabled and password_hash is not null",
            String.class,
            username)
        .stream()
        .findFirst();
  }

  /**
   * Changes what is given (a null leaves the field as it is). Disabling an account also ends its
   * tokens and its presence, so its conversations go back to the waiting list.
   */
  public Optional<Account> update(String username, String name, String role, List<String> queues, Boolean disabled) {
    int updated =
        jdbc.update(
            """
            update accounts set name = coalesce(?, name), role = coalesce(?, role),
                   queues = coalesce(?, queues), disabled = coalesce(?, disabled)
             where username = ?""",
            name,
            role,
            queues == null ? null : queues.toArray(String[]::new),
            disabled,
            username);
    if (updated == 0) {
      return Optional.empty();
    }
    if (Boolean.TRUE.equals(disabled)) {
      jdbc.update("delete from api_tokens where username = ?", username);
      jdbc.update("update agents set status = 'OFFLINE' where agent_id = ?", username);
    }
    return find(username);
  }

  /**
   * Sets the password and ends every token of the account (console sign-ins, personal tokens,
   * codec sessions), in one statement: whoever held one must sign in with the new password.
   */
  public boolean setPassword(String username, String passwordHash) {
    return jdbc.queryForObject(
            """
            with changed as (update accounts set password_hash = ? where username = ? returning username),
                 ended as (delete from api_tokens where username in (select username from changed))
            select count(*) from changed""",
            Integer.class,
            passwordHash,
            username)
        == 1;
  }

  /** Stores a token (its hash) for {@code username}; {@code expiresAt} null for one that does not expire. */
  public void issueToken(String tokenHash, String username, String kind, String label, Instant expiresAt) {
    jdbc.update(
        "insert into api_tokens (token_hash, username, kind, label, expires_at) values (?, ?, ?, ?, ?)",
        tokenHash,
        username,
        kind,
        label,
        expiresAt == null ? null : Timestamp.from(expiresAt));
  }

  /**
   * The enabled account a live bearer token (a console sign-in or a personal token) belongs to;
   * notes when it was last used. A codec session token is not a bearer token: it is not found here.
   */
  public Optional<Account> findByToken(String tokenHash) {
    return findByToken(tokenHash, false);
  }

  /** The enabled account a live codec session (the Temporal UI's cookie) belongs to. */
  public Optional<Account> findByCodecToken(String tokenHash) {
    return findByToken(tokenHash, true);
  }

  private Optional<Account> findByToken(String tokenHash, boolean codec) {
    return jdbc.query(
            """
            update api_tokens t set last_used = now()
              from accounts a
             where t.token_hash = ? and a.username = t.username and not a.disabled
               and (t.kind = 'CODEC') = ?
               and (t.expires_at is null or t.expires_at > now())
            returning a.username, a.name, a.role, a.queues, a.disabled, a.created_at""",
            AccountStore::account,
            tokenHash,
            codec)
        .stream()
        .findFirst();
  }

  /** A live token (bearer or codec session) as stored; empty when unknown, expired or its account disabled. */
  public Optional<StoredToken> token(String tokenHash) {
    return jdbc.query(
            """
            select t.username, t.kind, t.created_at, t.expires_at
              from api_tokens t join accounts a on a.username = t.username
             where t.token_hash = ? and not a.disabled and (t.expires_at is null or t.expires_at > now())""",
            (rs, n) ->
                new StoredToken(
                    rs.getString("username"),
                    rs.getString("kind"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant()),
            tokenHash)
        .stream()
        .findFirst();
  }

  /**
   * Of these token hashes, the ones that still sign someone in (not signed out, expired, ended by
   * a password change or a disabled account), in one query: an open event stream is checked
   * against this at each heartbeat.
   */
  public Set<String> live(Collection<String> tokenHashes) {
    if (tokenHashes.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.queryForList(
            """
            select t.token_hash from api_tokens t join accounts a on a.username = t.username
             where t.token_hash = any(?) and not a.disabled and (t.expires_at is null or t.expires_at > now())""",
            String.class,
            (Object) tokenHashes.toArray(String[]::new)));
  }

  /**
   * Shortens every token of {@code kind} that would live longer than {@code longest} from its
   * issue (or forever) to that; answers how many. Run at start, so lowering the cap applies to
   * tokens issued before.
   */
  public int capLifetimes(String kind, Duration longest) {
    return jdbc.update(
        """
        update api_tokens set expires_at = created_at + ? * interval '1 second'
         where kind = ? and (expires_at is null or expires_at > created_at + ? * interval '1 second')""",
        longest.toSeconds(),
        kind,
        longest.toSeconds());
  }

  /** Ends one token (signing out); true when it existed. */
  public boolean revokeToken(String tokenHash) {
    return jdbc.update("delete from api_tokens where token_hash = ?", tokenHash) == 1;
  }

  private static Account account(ResultSet rs, int n) throws SQLException {
    Array queues = rs.getArray("queues");
    return new Account(
        rs.getString("username"),
        rs.getString("name"),
        rs.getString("role"),
        queues == null ? List.of() : Arrays.asList((String[]) queues.getArray()),
        rs.getBoolean("disabled"),
        rs.getTimestamp("created_at").toInstant());
  }
}
