package io.servicelake.launcher.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Trino's file-based access control rules, generated from {@code servicelake/trino/access.json}
 * (who reads which tables, what happens to PII, row filters) and {@link PiiColumns}. Generated
 * rather than hand-written so that the roster, the passwords and the rules can never disagree, and
 * a new PII column is masked for every role without editing each rule.
 *
 * @param users the roster, in file order
 * @param pii column names treated as personal data
 */
public record AccessRules(List<User> users, Set<String> pii) {

  public static final String RESOURCE = "servicelake/trino/access.json";

  /** What a role sees of a PII column. */
  public enum Pii {
    SHOW,
    MASK,
    HIDE
  }

  /**
   * One grant: read access to the tables of {@code schema} whose names match {@code table}.
   *
   * @param hide further columns this user may not see (beyond PII)
   * @param filter row filter with {@code ${region}} already substituted, or empty
   */
  public record Grant(String schema, String table, List<String> hide, String filter) {}

  /** One Trino user. {@code admin} users may do everything; others read their grants only. */
  public record User(
      String name, String description, boolean admin, Pii pii, String region, List<Grant> grants) {}

  public AccessRules {
    users = List.copyOf(users);
    pii = Set.copyOf(pii);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The rules of this build: the roster resource and the schemas' PII fields. */
  public static AccessRules load() {
    try (InputStream in = AccessRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(JSON.readTree(in), PiiColumns.load());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AccessRules parse(JsonNode root, Set<String> pii) {
    List<User> users = new ArrayList<>();
    for (JsonNode u : root.path("users")) {
      String name = u.path("user").asText();
      if (!name.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("user name '" + name + "' must match [a-z][a-z0-9_]*");
      }
      String region = u.path("region").asText("");
      List<Grant> grants = new ArrayList<>();
      for (JsonNode g : u.path("grants")) {
        List<String> hide = new ArrayList<>();
        g.path("hide").forEach(c -> hide.add(c.asText()));
        String filter = g.path("filter").asText("");
        if (filter.contains("${region}") && region.isEmpty()) {
          throw new IllegalArgumentException(
              "user " + name + ": a filter uses ${region} but the user has no region");
        }
        grants.add(
            new Grant(
                g.path("schema").asText(),
                g.path("table").asText(),
                hide,
                filter.replace("${region}", region.replace("'", "''"))));
      }
      users.add(
          new User(
              name,
              u.path("description").asText(""),
              u.path("admin").asBoolean(false),
              Pii.valueOf(u.path("pii").asText("hide").toUpperCase(java.util.Locale.ROOT)),
              region,
              grants));
    }
    return new AccessRules(users, pii);
  }

  /** The first admin of the roster: the user the launcher checks the server with. */
  public String admin() {
    return users.stream()
        .filter(User::admin)
        .map(User::name)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(RESOURCE + " names no admin user"));
  }

  public List<String> userNames() {
    return users.stream().map(User::name).toList();
  }

  /** The Trino rules document ({@code access-control.config-file}) for catalog {@code catalog}. */
  public String toTrinoRules(String catalog) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode catalogs = root.putArray("catalogs");
    ArrayNode schemas = root.putArray("schemas");
    ArrayNode tables = root.putArray("tables");
    ArrayNode procedures = root.putArray("procedures");
    ArrayNode queries = root.putArray("queries");
    for (User user : users) {
      String who = "^" + user.name() + "$";
      if (user.admin()) {
        catalogs.addObject().put("user", who).put("catalog", ".*").put("allow", "all");
        schemas.addObject().put("user", who).put("owner", true);
        ArrayNode privileges = tables.addObject().put("user", who).putArray("privileges");
        List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT")
            .forEach(privileges::add);
        // Iceberg maintenance (CALL lake.system.*) is the admin's alone.
        procedures
            .addObject()
            .put("user", who)
            .put("catalog", ".*")
            .put("schema", ".*")
            .put("procedure", ".*")
            .putArray("privileges")
            .add("EXECUTE")
            .add("GRANT_EXECUTE");
        queries
            .addObject()
            .put("user", who)
            .putArray("allow")
            .add("execute")
            .add("kill")
            .add("view");
        continue;
      }
      for (Grant grant : user.grants()) {
        ObjectNode rule =
            tables
                .addObject()
                .put("user", who)
                .put("catalog", catalog)
                .put("schema", grant.schema())
                .put("table", grant.table());
        rule.putArray("privileges").add("SELECT");
        ArrayNode columns = rule.putArray("columns");
        for (String column : pii) {
          if (user.pii() == Pii.MASK) {
            // NULL stays NULL so completeness rates still read right; any value becomes '***'.
            columns
                .addObject()
                .put("name", column)
                .put("mask", "CASE WHEN " + column + " IS NULL THEN NULL ELSE '***' END");
          } else if (user.pii() == Pii.HIDE) {
            columns.addObject().put("name", column).put("allow", false);
          }
        }
        for (String column : grant.hide()) {
          columns.addObject().put("name", column).put("allow", false);
        }
        if (!grant.filter().isEmpty()) {
          rule.put("filter", grant.filter());
        }
      }
    }
    // Everyone reads the catalog (never writes it) and the driver's metadata tables.
    catalogs.addObject().put("catalog", catalog).put("allow", "read-only");
    catalogs.addObject().put("catalog", "system").put("allow", "read-only");
    tables
        .addObject()
        .put("catalog", "system")
        .put("schema", "jdbc|metadata")
        .putArray("privileges")
        .add("SELECT");
    schemas.addObject().put("owner", false);
    // Anyone may run queries and see or kill their own; only admins see everyone's.
    queries.addObject().putArray("allow").add("execute");
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
