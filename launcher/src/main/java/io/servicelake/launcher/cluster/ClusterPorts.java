package io.servicelake.launcher.cluster;

import io.servicelake.launcher.embedded.Ports;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The localhost cluster's ports: chosen free on the first {@code cluster up} and kept in {@code
 * data/cluster/ports.properties}, so the written configuration stays valid across restarts and a
 * restarted process comes back where its peers expect it.
 */
public final class ClusterPorts {

  static final List<String> NAMES =
      List.of(
          "postgres",
          "catalog",
          "kafka-1",
          "kafka-2",
          "kafka-3",
          "kafka-controller-1",
          "kafka-controller-2",
          "kafka-controller-3",
          "flink-rest",
          "flink-rpc",
          "spark-master",
          "spark-master-ui",
          "spark-worker",
          "spark-worker-ui",
          "trino-coordinator",
          "trino-worker");

  private final TreeMap<String, Integer> ports;

  private ClusterPorts(TreeMap<String, Integer> ports) {
    this.ports = ports;
  }

  /** Loads the kept ports, or picks free ones and keeps them. */
  static ClusterPorts loadOrAllocate(Path file) {
    TreeMap<String, Integer> ports = new TreeMap<>();
    try {
      if (Files.isRegularFile(file)) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
          props.load(reader);
        }
        props
            .stringPropertyNames()
            .forEach(k -> ports.put(k, Integer.parseInt(props.getProperty(k))));
      }
      boolean changed = false;
      for (String name : NAMES) {
        if (!ports.containsKey(name)) {
          int port;
          do {
            port = Ports.free();
          } while (ports.containsValue(port));
          ports.put(name, port);
          changed = true;
        }
      }
      if (changed) {
        Files.createDirectories(file.getParent());
        Properties props = new Properties();
        ports.forEach((k, v) -> props.setProperty(k, Integer.toString(v)));
        try (Writer writer = Files.newBufferedWriter(file)) {
          props.store(
              writer, "Ports of the localhost cluster; delete this file to choose new ones");
        }
      }
      return new ClusterPorts(ports);
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "Cannot read or write " + file + " (" + e.getMessage() + "). Delete it and retry.");
    }
  }

  int get(String name) {
    Integer port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException("No port named " + name);
    }
    return port;
  }

  static void requireWritable(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
