package dev.setpoint.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.setpoint.data.ParserMessages;
import dev.setpoint.data.Sha256;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what: bearer tokens with roles, from the server's config file ({@code
 * docs/operations.md#access}). A token is stored as its SHA-256, so the file can hold hashes instead of
 * secrets. With no tokens configured every request is allowed (development mode; the server says so
 * when it starts).
 */
public final class Access {

  /** What a token may do. */
  public enum Role {
    /** POST /v1/decide, /v1/decide/batch. */
    DECIDE,
    /** POST /v1/labels. */
    LABEL,
    /** PUT policies, activate, roll back. */
    EDIT,
    /**
     * GET policies, versions, decisions, monitor; replay; the explorer's data: examples (loading one
     * too), and the data sets its holder uploaded.
     */
    READ,
    /**
     * POST /v1/explorer/datasets: upload a score file into the explorer's memory, within the
     * holder's quota. A role of its own because an upload costs memory every user shares; it is
     * usually given with {@code read}, which viewing the data set needs.
     */
    UPLOAD
  }

  /** The roles as a config file spells them: "decide, label, edit, read, upload". */
  private static final String ROLES = Arrays.stream(Role.values())
      .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

  /**
   * A token's holder.
   *
   * @param name who, as recorded in events and labels
   * @param roles what they may do
   */
  public record Principal(String name, Set<Role> roles) {}

  private static final Principal ANONYMOUS = new Principal("anonymous", EnumSet.allOf(Role.class));

  private final Map<String, Principal> byTokenHash;
  private final AuthFailures failures;

  private Access(Map<String, Principal> byTokenHash, AuthFailures failures) {
    this.byTokenHash = Map.copyOf(byTokenHash);
    this.failures = failures;
  }

  /** No tokens: every request is allowed, as "anonymous". */
  public static Access open() {
    return new Access(Map.of(), AuthFailures.unlimited());
  }

  /**
   * The same tokens, with failed authentications limited per client address: after {@code
   * maxPerMinute} failures in a minute, an address is answered 429 for the rest of that minute. Each
   * server derives its own, so that counts are per server.
   *
   * @param maxPerMinute failures allowed per address and minute; 0 for no limit
   */
  public Access withFailureLimit(int maxPerMinute, java.time.Clock clock) {
    return new Access(byTokenHash, new AuthFailures(maxPerMinute, 60_000, 10_000, clock));
  }

  /** Client addresses whose failed authentications are being counted, for metrics. */
  public int addressesWithFailures() {
    return failures.tracked();
  }

  /** Requests refused (429) after too many failed authentications, for metrics. */
  public long refusedAfterFailures() {
    return failures.refused();
  }

  /** Whether requests need a token. */
  public boolean enforced() {
    return !byTokenHash.isEmpty();
  }

  /**
   * Reads the {@code tokens} of a config file:
   * <pre>
   * tokens:
   *   - { name: scoring-service, token: "s3cret", roles: [decide] }
   *   - { name: analyst, tokenSha256: "9f86d0…", roles: [label, read] }
   * </pre>
   *
   * @throws IllegalArgumentException naming the file, the entry and the bad value
   */
  public static Access read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid YAML"
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr()) + ": " + ParserMessages.oneLine(e.getOriginalMessage())
          + " (docs/operations.md#access shows the format)");
    }
    Map<String, Principal> tokens = new HashMap<>();
    JsonNode list = root == null ? null : root.get("tokens");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + ": /tokens must be a list of {name, token or "
          + "tokenSha256, roles}");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      String at = file + ": /tokens/" + i;
      String name = t.path("name").asText("");
      if (name.isBlank()) {
        throw new IllegalArgumentException(at + "/name: required");
      }
      String hash;
      if (t.hasNonNull("token") == t.hasNonNull("tokenSha256")) {
        throw new IllegalArgumentException(at + ": give exactly one of token and tokenSha256");
      } else if (t.hasNonNull("token")) {
        String token = t.get("token").asText();
        if (token.length() < 16) {
          throw new IllegalArgumentException(at + "/token: must be at least 16 characters");
        }
        hash = sha256(token);
      } else {
        hash = t.get("tokenSha256").asText().toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException(at + "/tokenSha256: must be 64 hex digits, was '"
              + t.get("tokenSha256").asText() + "'");
        }
      }
      Set<Role> roles = EnumSet.noneOf(Role.class);
      JsonNode r = t.get("roles");
      if (r == null || !r.isArray() || r.isEmpty()) {
        throw new IllegalArgumentException(at + "/roles: a non-empty list of " + ROLES);
      }
      for (int k = 0; k < r.size(); k++) {
        try {
          roles.add(Role.valueOf(r.get(k).asText().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + "/roles/" + k + ": unknown role '"
              + r.get(k).asText() + "' (roles: " + ROLES + ")");
        }
      }
      if (tokens.putIfAbsent(hash, new Principal(name, roles)) != null) {
        throw new IllegalArgumentException(at + ": the same token is given twice");
      }
    }
    return new Access(tokens, AuthFailures.unlimited());
  }

  /**
   * The principal of a request allowed to act in {@code role}.
   *
   * @throws ApiException 401 without a valid token, 403 without the role
   */
  public Principal require(Context ctx, Role role) {
    return require(ctx.header("Authorization"), ctx.method() + " " + ctx.path(), role,
        ctx.req().getRemoteAddr());
  }

  /**
   * The principal of a request with this {@code Authorization} header (null when absent) allowed to
   * act in {@code role}.
   *
   * @param request what was asked, such as "POST /v1/decide", for the 403 message
   * @param address the client's address, whose failures are counted
   * @throws ApiException 401 without a valid token, 403 without the role, 429 after too many
   *     failures from {@code address}
   */
  public Principal require(String authorization, String request, Role role, String address) {
    if (!enforced()) {
      return ANONYMOUS;
    }
    failures.check(address);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      failures.failed(address);
      throw ApiException.unauthorized("send Authorization: Bearer <token>", "Bearer");
    }
    Principal p = byTokenHash.get(sha256(authorization.substring(7).trim()));
    if (p == null) {
      failures.failed(address);
      throw ApiException.unauthorized("the bearer token is not valid",
          "Bearer error=\"invalid_token\"");
    }
    if (!p.roles().contains(role)) {
      throw new ApiException(403, "forbidden", "Not allowed", "'" + p.name() + "' lacks the role "
          + role.name().toLowerCase(Locale.ROOT) + " that " + request + " needs", List.of());
    }
    return p;
  }

  static String sha256(String text) {
    return Sha256.hex(text);
  }
}
