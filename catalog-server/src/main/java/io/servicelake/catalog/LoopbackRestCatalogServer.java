package io.servicelake.catalog;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Iceberg REST catalog backed by a JDBC catalog (SQLite by default, PostgreSQL in cluster mode),
 * bound to one host only. Iceberg's stock test server binds every interface; ours binds loopback
 * unless told otherwise.
 *
 * <p>Configured by environment variables so the launcher can start it as a plain process:
 *
 * <ul>
 *   <li>{@code CATALOG_URI} JDBC URL of the backing store, e.g. {@code
 *       jdbc:sqlite:/data/catalog.db}
 *   <li>{@code CATALOG_WAREHOUSE} warehouse URI, e.g. {@code file:///data/warehouse}
 *   <li>{@code CATALOG_REST_PORT} port (default 8181), {@code CATALOG_REST_HOST} (default
 *       127.0.0.1)
 *   <li>{@code CATALOG_JDBC_USER}, {@code CATALOG_JDBC_PASSWORD} when the store needs them
 * </ul>
 *
 * <p>Prints {@code READY <port>} on stdout once it accepts requests.
 */
public final class LoopbackRestCatalogServer {

  private LoopbackRestCatalogServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    String uri = require(env, "CATALOG_URI");
    String warehouse = require(env, "CATALOG_WAREHOUSE");
    String host = env.getOrDefault("CATALOG_REST_HOST", "127.0.0.1");
    int port = Integer.parseInt(env.getOrDefault("CATALOG_REST_PORT", "8181"));

    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.CATALOG_IMPL, JdbcCatalog.class.getName());
    properties.put(CatalogProperties.URI, uri);
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
    // V1 schema adds view support to the JDBC tables; new stores need no migration.
    properties.put("jdbc.schema-version", "V1");
    if (env.containsKey("CATALOG_JDBC_USER")) {
      properties.put("jdbc.user", env.get("CATALOG_JDBC_USER"));
      properties.put("jdbc.password", env.getOrDefault("CATALOG_JDBC_PASSWORD", ""));
    }
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog("servicelake", properties, new Configuration());

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addServlet(
        new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(catalog))), "/*");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    System.out.println("READY " + connector.getLocalPort());
    System.out.flush();
    server.join();
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      System.err.println("Environment variable " + name + " is required (see the class Javadoc).");
      System.exit(2);
    }
    return value;
  }
}
