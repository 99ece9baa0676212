package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.launcher.cli.SqlCommand;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.CatalogServer;
import io.servicelake.launcher.embedded.JavaFinder;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.TrinoServer;
import io.servicelake.launcher.security.Credentials;
import io.servicelake.launcher.security.TrinoClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Trino's security against the real server (HTTPS, password file, file-based access
 * control generated from {@code servicelake/trino/access.json}): small tables with the real mart
 * names stand in for the marts, so the whole pipeline need not run. The expected access matrix is
 * written out here from issue #8, independently of the rules generator.
 */
class TrinoSecurityIT {

  private static final String ADMIN = "admin";
  private static final List<String> USERS =
      List.of("admin", "analyst", "engineering", "finance", "planner", "manager_north");

  /** Table → the non-admin users that may read it (admin reads everything). */
  private static final Map<String, Set<String>> READERS = new LinkedHashMap<>();

  static {
    READERS.put("marts.dim_customer", Set.of("analyst"));
    READERS.put("marts.dim_service_station", Set.of("analyst", "finance", "manager_north"));
    READERS.put("marts.dim_technician", Set.of("analyst", "manager_north"));
    READERS.put("marts.dim_unit", Set.of("analyst", "engineering"));
    READERS.put("marts.dim_part", Set.of("analyst", "engineering", "finance", "planner"));
    READERS.put("marts.fct_commitments", Set.of("analyst", "manager_north"));
    READERS.put("marts.fct_station_scorecard", Set.of("analyst", "manager_north"));
    READERS.put("marts.fct_technician_scorecard", Set.of("analyst", "manager_north"));
    READERS.put("marts.fct_failure_rate", Set.of("analyst", "engineering"));
    READERS.put("marts.fct_defect_trend", Set.of("analyst", "engineering"));
    READERS.put("marts.fct_component_life", Set.of("analyst", "engineering"));
    READERS.put("marts.fct_supplier_quality", Set.of("analyst", "engineering", "planner"));
    READERS.put("marts.fct_cost_composition", Set.of("analyst", "finance"));
    READERS.put("marts.fct_supplier_recovery", Set.of("analyst", "finance"));
    READERS.put("marts.fct_parts_commission", Set.of("analyst", "finance"));
    READERS.put("marts.fct_contracts_monthly", Set.of("analyst", "finance"));
    READERS.put("marts.fct_parts_forecast", Set.of("analyst", "planner"));
    READERS.put("raw.quarantine", Set.of("analyst"));
    READERS.put("staging.stg_events__product_installed", Set.of());
  }

  @TempDir static Path dataDir;

  private static ServiceLakeConfig config;
  private static ManagedProcess catalog;
  private static ManagedProcess trino;
  private static TrinoClient admin;

  @BeforeAll
  static void startCatalogAndTrino() throws Exception {
    config = ServiceLakeConfig.throwaway(dataDir, "5s");
    Artifacts artifacts = Artifacts.fromSystemProperty();
    catalog =
        CatalogServer.start(
            artifacts, dataDir, StackEndpoints.warehouse(config), config.catalogPort());
    try {
      trino =
          TrinoServer.start(
              artifacts,
              dataDir,
              config.trinoJavaHome(),
              config.trinoPort(),
              "http://127.0.0.1:" + config.catalogPort(),
              Stack.CATALOG_NAME);
    } catch (Exception | Error e) {
      catalog.close();
      throw e;
    }
    admin = StackEndpoints.trino(config);
    createFixtures();
  }

  @AfterAll
  static void stop() {
    if (trino != null) {
      trino.close();
    }
    if (catalog != null) {
      catalog.close();
    }
  }

  private static void createFixtures() throws SQLException {
    try (Connection c = admin.connect();
        Statement st = c.createStatement()) {
      for (String schema : List.of("marts", "raw", "staging")) {
        st.execute("CREATE SCHEMA lake_admin." + schema);
      }
      List<String> tables =
          List.of(
              "marts.dim_customer AS SELECT * FROM (VALUES ('C1', 'Ann Example', '+49 30 1',"
                  + " 'Nordweg 1', 'north', true), ('C2', 'Bo Example', '+49 30 2', 'Suedweg 2',"
                  + " 'south', true), ('C3', CAST(NULL AS varchar), CAST(NULL AS varchar),"
                  + " CAST(NULL AS varchar), 'north', false)) t(customer_id, customer_name,"
                  + " customer_phone, customer_address, region, record_complete)",
              "marts.dim_service_station AS SELECT * FROM (VALUES ('S-N1', 'north', 'STORE-S-N1'),"
                  + " ('S-N2', 'north', 'STORE-S-N2'), ('S-S1', 'south', 'STORE-S-S1'))"
                  + " t(station_id, region, store_id)",
              "marts.dim_technician AS SELECT * FROM (VALUES ('T1', 'S-N1', 'north'), ('T2',"
                  + " 'S-S1', 'south'), ('T3', 'S-N2', 'north')) t(technician_id, station_id,"
                  + " region)",
              "marts.dim_unit AS SELECT * FROM (VALUES ('SN-1', 'M1', 'north', 'C1'))"
                  + " t(serial, model, region, customer_id)",
              "marts.dim_part AS SELECT * FROM (VALUES ('P-1', 'pump', 'M1', 'SUP-1', 12.5))"
                  + " t(part_number, component, model, supplier, standard_cost)",
              "marts.fct_commitments AS SELECT * FROM (VALUES (DATE '2024-01-01', 'north',"
                  + " 'S-N1', 'arrival', 8, 10), (DATE '2024-01-01', 'north', 'S-N2', 'arrival', 9,"
                  + " 10), (DATE '2024-01-01', 'south', 'S-S1', 'arrival', 7, 10), (DATE"
                  + " '2024-02-01', 'south', 'S-S1', 'arrival', 6, 10), (DATE '2024-01-01',"
                  + " 'east', 'S-E1', 'arrival', 5, 10)) t(month_start, region, station_id,"
                  + " commitment, kept, total)",
              "marts.fct_station_scorecard AS SELECT * FROM (VALUES (DATE '2024-01-01', 'S-N1',"
                  + " 40), (DATE '2024-01-01', 'S-N2', 30), (DATE '2024-01-01', 'S-S1', 20))"
                  + " t(month_start, station_id, jobs_completed)",
              "marts.fct_technician_scorecard AS SELECT * FROM (VALUES (DATE '2024-01-01', 'T1',"
                  + " 11), (DATE '2024-01-01', 'T2', 12), (DATE '2024-01-01', 'T3', 13))"
                  + " t(month_start, technician_id, jobs_completed)",
              "marts.fct_failure_rate AS SELECT * FROM (VALUES ('M1', 'pump', 'north', 3))"
                  + " t(model, component, region, failures)",
              "marts.fct_defect_trend AS SELECT * FROM (VALUES ('M1', 'pump', 2))"
                  + " t(model, component, failures)",
              "marts.fct_component_life AS SELECT * FROM (VALUES ('M1', 'pump', 1.8, 900.0))"
                  + " t(model, component, beta, eta_days)",
              "marts.fct_supplier_quality AS SELECT * FROM (VALUES ('SUP-1', 'P-1', 4))"
                  + " t(supplier, part_number, defective_parts)",
              "marts.fct_cost_composition AS SELECT * FROM (VALUES ('north', 'labour', 100.0))"
                  + " t(region, category, amount)",
              "marts.fct_supplier_recovery AS SELECT * FROM (VALUES ('SUP-1', 50.0))"
                  + " t(supplier, outstanding_amount)",
              "marts.fct_parts_commission AS SELECT * FROM (VALUES ('S-N1', 7.5))"
                  + " t(station_id, total_commission)",
              "marts.fct_contracts_monthly AS SELECT * FROM (VALUES ('north', 3))"
                  + " t(region, contracts_sold)",
              "marts.fct_parts_forecast AS SELECT * FROM (VALUES ('P-1', 'STORE-S-N1', 4.0,"
                  + " 6.0)) t(part_number, store_id, p50, p90)",
              "raw.quarantine AS SELECT * FROM (VALUES ('MALFORMED_JSON', 'not JSON',"
                  + " X'7b2261', '{\"a'), ('MISSING_FIELD', 'no serial', X'7b7d', '{}'))"
                  + " t(error_code, reason, raw_payload, raw_text)",
              "staging.stg_events__product_installed AS SELECT * FROM (VALUES ('E1', 'C1', 'Ann"
                  + " Example', '+49 30 1', 'Nordweg 1')) t(event_id, customer_id, customer_name,"
                  + " customer_phone, customer_address)");
      for (String table : tables) {
        st.execute("CREATE TABLE lake_admin." + table);
      }
    }
  }

  @Test
  void eachUserReadsExactlyTheTablesOfItsRole() throws Exception {
    int allowed = 0;
    int denied = 0;
    List<String> wrong = new ArrayList<>();
    for (String user : USERS) {
      try (Connection connection = admin.as(user).connect();
          Statement statement = connection.createStatement()) {
        for (Map.Entry<String, Set<String>> table : READERS.entrySet()) {
          boolean expected = user.equals(ADMIN) || table.getValue().contains(user);
          String sql = "SELECT count(*) FROM lake." + table.getKey();
          try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            allowed++;
            if (!expected) {
              wrong.add(user + " could read " + table.getKey());
            }
          } catch (SQLException e) {
            denied++;
            if (expected) {
              wrong.add(user + " was refused " + table.getKey() + ": " + e.getMessage());
            } else if (!e.getMessage().contains("Access Denied")) {
              wrong.add(user + " on " + table.getKey() + " failed otherwise: " + e.getMessage());
            }
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    int expectedAllowed = READERS.size() + READERS.values().stream().mapToInt(Set::size).sum();
    assertThat(allowed).isEqualTo(expectedAllowed);
    assertThat(allowed + denied).isEqualTo(USERS.size() * READERS.size());
    System.out.printf(
        "access matrix: %d allowed, %d denied (%d users x %d tables)%n",
        allowed, denied, USERS.size(), READERS.size());
  }

  @Test
  void theAnalystSeesCustomerPiiMaskedAndTheAdminSeesItInFull() throws Exception {
    String sql =
        "SELECT customer_id, customer_name, customer_phone, customer_address, region"
            + " FROM lake.marts.dim_customer ORDER BY customer_id";
    assertThat(admin.as("analyst").query(sql))
        .containsExactly(
            List.of("customer_id", "customer_name", "customer_phone", "customer_address", "region"),
            List.of("C1", "***", "***", "***", "north"),
            List.of("C2", "***", "***", "***", "south"),
            List.of("C3", "null", "null", "null", "north"));
    assertThat(admin.query(sql).get(1))
        .containsExactly("C1", "Ann Example", "+49 30 1", "Nordweg 1", "north");
    // SELECT * is masked the same way; masks do not change what a filter on them finds.
    assertThat(
            admin
                .as("analyst")
                .query("SELECT * FROM lake.marts.dim_customer WHERE customer_id = 'C2'"))
        .containsExactly(
            List.of(
                "customer_id",
                "customer_name",
                "customer_phone",
                "customer_address",
                "region",
                "record_complete"),
            List.of("C2", "***", "***", "***", "south", "true"));
    assertThat(
            admin
                .as("analyst")
                .query("SELECT count(*) FROM lake.marts.dim_customer WHERE record_complete")
                .get(1))
        .containsExactly("2");
  }

  @Test
  void theAnalystSeesQuarantineReasonsButNotRawPayloads() throws Exception {
    TrinoClient analyst = admin.as("analyst");
    assertThat(
            analyst.query(
                "SELECT error_code, count(*) FROM lake.raw.quarantine GROUP BY 1 ORDER BY 1"))
        .containsExactly(
            List.of("error_code", "_col1"),
            List.of("MALFORMED_JSON", "1"),
            List.of("MISSING_FIELD", "1"));
    assertThat(analyst.query("SELECT * FROM lake.raw.quarantine LIMIT 1").get(0))
        .containsExactly("error_code", "reason");
    for (String column : List.of("raw_payload", "raw_text")) {
      assertDenied(analyst, "SELECT " + column + " FROM lake.raw.quarantine");
    }
    assertThat(admin.query("SELECT raw_text FROM lake.raw.quarantine ORDER BY 1").get(1))
        .containsExactly("{\"a");
  }

  @Test
  void rolesWithoutPiiCannotNameACustomerColumn() throws Exception {
    for (String user : List.of("engineering", "finance", "planner", "manager_north")) {
      assertDenied(admin.as(user), "SELECT customer_name FROM lake.marts.dim_customer");
    }
    assertThat(admin.as("engineering").query("SELECT customer_id FROM lake.marts.dim_unit"))
        .containsExactly(List.of("customer_id"), List.of("C1"));
  }

  @Test
  void theRegionalManagerSeesOnlyItsRegionsRows() throws Exception {
    TrinoClient north = admin.as("manager_north");
    assertThat(north.query("SELECT DISTINCT region FROM lake.marts.fct_commitments"))
        .containsExactly(List.of("region"), List.of("north"));
    assertThat(north.query("SELECT count(*), sum(kept) FROM lake.marts.fct_commitments").get(1))
        .isEqualTo(
            admin
                .query(
                    "SELECT count(*), sum(kept) FROM lake.marts.fct_commitments"
                        + " WHERE region = 'north'")
                .get(1))
        .containsExactly("2", "17");
    assertThat(column(north, "SELECT station_id FROM lake.marts.fct_station_scorecard"))
        .containsExactly("S-N1", "S-N2");
    assertThat(column(north, "SELECT technician_id FROM lake.marts.fct_technician_scorecard"))
        .containsExactly("T1", "T3");
    assertThat(column(north, "SELECT station_id FROM lake.marts.dim_service_station"))
        .containsExactly("S-N1", "S-N2");
    assertThat(column(admin, "SELECT station_id FROM lake.marts.fct_station_scorecard"))
        .containsExactly("S-N1", "S-N2", "S-S1");
  }

  @Test
  void onlyTheAdminWritesOrRunsMaintenanceAndOnlyInTheAdminCatalog() throws Exception {
    for (String user : List.of("analyst", "engineering", "finance", "planner", "manager_north")) {
      TrinoClient client = admin.as(user);
      for (String catalog : List.of("lake", "lake_admin")) {
        String table = catalog + ".marts.fct_failure_rate";
        assertDenied(client, "INSERT INTO " + table + " VALUES ('M2', 'fan', 'x', 1)");
        assertDenied(client, "CREATE TABLE " + catalog + ".marts.scratch AS SELECT 1 AS x");
        assertDenied(client, "DELETE FROM " + catalog + ".marts.fct_commitments");
        // A missing table: were the call allowed, it would fail with "not found", not be refused.
        assertDenied(
            client, "CALL " + catalog + ".system.unregister_table('marts', 'no_such_table')");
        assertDenied(
            client,
            "ALTER TABLE " + table + " EXECUTE expire_snapshots(retention_threshold => '7d')");
      }
      assertDenied(client, "SELECT count(*) FROM lake_admin.marts.fct_failure_rate");
    }
    // The admin too reads 'lake' only; writes and maintenance go through 'lake_admin'.
    assertDenied(admin, "ALTER TABLE lake.marts.fct_failure_rate EXECUTE optimize");
    assertDenied(admin, "INSERT INTO lake.marts.fct_failure_rate VALUES ('M2', 'fan', 'x', 1)");
    try (Connection c = admin.connect();
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE lake_admin.marts.fct_failure_rate EXECUTE optimize");
      st.execute(
          "ALTER TABLE lake_admin.marts.fct_failure_rate EXECUTE"
              + " expire_snapshots(retention_threshold => '7d')");
    }
    assertThat(admin.query("SELECT sum(failures) FROM lake.marts.fct_failure_rate").get(1))
        .containsExactly("3");
  }

  @Test
  void unknownUsersWrongPasswordsAndPlainHttpAreRefused() throws Exception {
    String analystPassword =
        Credentials.password(TrinoServer.passwordsFile(dataDir), "analyst").orElseThrow();
    assertRefused(() -> admin.connect("mallory", Optional.of(analystPassword)));
    assertRefused(() -> admin.connect("analyst", Optional.of(analystPassword + "x")));
    assertRefused(() -> admin.connect("admin", Optional.empty()));
    assertThat(run(admin.as("analyst"), "SELECT 1")).isTrue();

    // Plain HTTP: no listener speaks it. The HTTPS port answers a plain request with no HTTP
    // response at all, and the driver without SSL cannot log in.
    assertThat(plainHttpStatusLine(admin.port())).doesNotStartWith("HTTP/1.1 200");
    Properties props = new Properties();
    props.setProperty("user", "admin");
    assertRefused(
        () ->
            DriverManager.getConnection("jdbc:trino://127.0.0.1:" + admin.port() + "/lake", props));

    // The documented JDBC URL for the self-signed default works without the certificate file; a
    // full check without the certificate does not (the certificate is really checked).
    props.setProperty("user", "analyst");
    props.setProperty("password", analystPassword);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:trino://127.0.0.1:" + admin.port() + "/lake?SSL=true&SSLVerification=NONE",
                props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM lake.marts.fct_failure_rate")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
    assertRefused(
        () ->
            DriverManager.getConnection(
                "jdbc:trino://127.0.0.1:" + admin.port() + "/lake?SSL=true", props));
  }

  @Test
  void theTrinoCliConnectsOverHttpsWithTheGeneratedPassword() throws Exception {
    TrinoClient analyst = admin.as("analyst");
    List<String> command = new ArrayList<>();
    command.add(JavaFinder.trinoJava(config.trinoJavaHome()).toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(Artifacts.fromSystemProperty().trinoCli().toString());
    command.addAll(SqlCommand.cliArguments(analyst));
    command.addAll(
        List.of(
            "--output-format",
            "CSV_UNQUOTED",
            "--execute",
            "SELECT customer_name FROM lake.marts.dim_customer WHERE customer_id = 'C1'"));
    // stdout is the result; stderr has only the terminal library's warnings.
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("TRINO_PASSWORD", analyst.password("analyst").orElseThrow());
    Process cli = builder.start();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor()).as(output).isZero();
    assertThat(output.strip()).isEqualTo("***");
  }

  @Test
  void secretsAreOwnerOnlyAndTheConnectionFileSaysHowToConnect() throws Exception {
    Path passwords = TrinoServer.passwordsFile(dataDir);
    assertThat(Files.getPosixFilePermissions(passwords)).isEqualTo(Credentials.OWNER_ONLY);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("trino/etc/password.db")))
        .isEqualTo(Credentials.OWNER_ONLY);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("trino/tls/keystore.p12")))
        .isEqualTo(Credentials.OWNER_ONLY);
    Properties clear = new Properties();
    try (var reader = Files.newBufferedReader(passwords)) {
      clear.load(reader);
    }
    assertThat(clear.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(USERS);
    assertThat(new TreeSet<>(clear.values())).as("every password differs").hasSize(USERS.size());
    String hashes = Files.readString(dataDir.resolve("trino/etc/password.db"));
    for (String user : USERS) {
      assertThat(hashes).contains(user + ":$2y$10$").doesNotContain(clear.getProperty(user));
    }

    JsonNode connection = new ObjectMapper().readTree(TrinoServer.connectionFile(dataDir).toFile());
    assertThat(connection.path("url").asText()).isEqualTo("https://127.0.0.1:" + admin.port());
    assertThat(connection.path("port").asInt()).isEqualTo(admin.port());
    assertThat(connection.path("certificate_pem").asText())
        .isEqualTo(TrinoServer.certificate(dataDir).toString());
    assertThat(connection.path("passwords_file").asText()).isEqualTo(passwords.toString());
    assertThat(Files.readString(TrinoServer.certificate(dataDir)))
        .startsWith("-----BEGIN CERTIFICATE-----");
  }

  private static List<String> column(TrinoClient client, String sql) throws SQLException {
    return client.query(sql + " ORDER BY 1").stream().skip(1).map(r -> r.get(0)).toList();
  }

  private static boolean run(TrinoClient client, String sql) throws SQLException {
    return client.query(sql).size() == 2;
  }

  private static void assertDenied(TrinoClient client, String sql) {
    assertThatThrownBy(
            () -> {
              try (Connection c = client.connect();
                  Statement st = c.createStatement()) {
                st.execute(sql);
              }
            })
        .as("%s: %s", client.defaultUser(), sql)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access Denied");
  }

  interface SqlAction {
    Connection open() throws SQLException;
  }

  /** The login itself fails: the driver checks credentials on the first statement. */
  private static void assertRefused(SqlAction action) {
    assertThatThrownBy(
            () -> {
              try (Connection c = action.open();
                  Statement st = c.createStatement()) {
                st.execute("SELECT 1");
              }
            })
        .isInstanceOf(SQLException.class);
  }

  /** Sends a plain-text HTTP request to {@code port} and returns the first response line. */
  private static String plainHttpStatusLine(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trino-User: admin\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[256];
      int n = socket.getInputStream().read(buffer);
      return n <= 0
          ? ""
          : new String(buffer, 0, n, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
    } catch (IOException e) {
      return "no HTTP response: " + e.getMessage();
    }
  }
}
