package io.servicelake.launcher.security;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The one way the launcher opens a Trino JDBC connection: the server's URL, how its certificate is
 * checked, and where a user's password comes from. Every internal client ({@code sql}, {@code
 * status}, the pipeline's example queries, the benchmarks, the tests) goes through here, so the
 * embedded HTTPS + password server and a configured cluster are reached the same way.
 *
 * @param url {@code https://host:port} (TLS, passwords sent) or {@code http://host:port} (no TLS:
 *     only for a cluster without authentication; the driver refuses passwords over plain HTTP)
 * @param defaultUser the user of {@link #connect()} and {@link #query(String)}
 * @param configuredPassword password for {@code defaultUser} from the configuration, if set
 * @param passwordsFile the embedded stack's generated {@code user=password} file, if any
 * @param truststore PEM certificate or Java truststore to verify the server with; empty: the JVM's
 *     default trust
 * @param sslVerification {@code FULL}, {@code CA} or {@code NONE}
 * @param catalog default catalog of the connection
 */
public record TrinoClient(
    String url,
    String defaultUser,
    Optional<String> configuredPassword,
    Optional<Path> passwordsFile,
    Optional<Path> truststore,
    String sslVerification,
    String catalog) {

  public boolean tls() {
    return url.startsWith("https://");
  }

  public String host() {
    return URI.create(url).getHost();
  }

  public int port() {
    int port = URI.create(url).getPort();
    return port > 0 ? port : tls() ? 443 : 80;
  }

  /** The JDBC URL with its TLS settings, without credentials (what the README tells users). */
  public String jdbcUrl() {
    StringBuilder jdbc =
        new StringBuilder("jdbc:trino://").append(host()).append(':').append(port());
    jdbc.append('/').append(catalog);
    if (tls()) {
      jdbc.append("?SSL=true&SSLVerification=").append(sslVerification);
      if (truststore.isPresent() && !sslVerification.equals("NONE")) {
        jdbc.append("&SSLTrustStorePath=").append(truststore.get());
      }
    }
    return jdbc.toString();
  }

  /** The same server as another user (password looked up the same way). */
  public TrinoClient as(String user) {
    return new TrinoClient(
        url,
        user,
        user.equals(defaultUser) ? configuredPassword : Optional.empty(),
        passwordsFile,
        truststore,
        sslVerification,
        catalog);
  }

  /** The password sent for {@code user}: the configured one, else the generated one, if any. */
  public Optional<String> password(String user) {
    if (user.equals(defaultUser) && configuredPassword.isPresent()) {
      return configuredPassword;
    }
    return passwordsFile.flatMap(file -> Credentials.password(file, user));
  }

  public Connection connect() throws SQLException {
    return connect(defaultUser, password(defaultUser));
  }

  /** A connection as {@code user} with an explicit password (or none), e.g. to test refusals. */
  public Connection connect(String user, Optional<String> password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (tls()) {
      password.ifPresent(p -> props.setProperty("password", p));
    }
    try {
      return DriverManager.getConnection(jdbcUrl(), props);
    } catch (SQLException e) {
      throw explain(e, user, password);
    }
  }

  /** Runs one statement as the default user; the first row holds the column names. */
  public List<List<String>> query(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.add(meta.getColumnLabel(i));
      }
      rows.add(header);
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** True once Trino runs queries (it refuses them for a few seconds after the port opens). */
  public boolean answers() {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Adds what to do to the driver's terse authentication failure. */
  private SQLException explain(SQLException e, String user, Optional<String> password) {
    String message = String.valueOf(e.getMessage());
    if (tls() && password.isEmpty() && message.contains("401")) {
      return new SQLException(
          "Trino at "
              + url
              + " wants a password for user '"
              + user
              + "': set trino.password (SERVICELAKE_TRINO_PASSWORD)"
              + passwordsFile.map(f -> ", or add it to " + f).orElse("")
              + ". ("
              + message
              + ")",
          e.getSQLState(),
          e);
    }
    return e;
  }
}
