package io.servicelake.launcher.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One OS process of the localhost cluster: how to start it, where it listens and how much heap it
 * gets. Started by {@link LocalCluster}; its pid lives in {@code data/cluster/run/<name>.pid}.
 *
 * @param name process name, also its log and pid file name (e.g. {@code kafka-2})
 * @param role what it is, for status lines (e.g. {@code Kafka broker+controller})
 * @param port the port it serves on (the one status checks)
 * @param heap its {@code -Xmx}, for the status table and the README
 * @param command the full command line
 * @param environment extra environment variables
 * @param workDir its working directory
 */
public record ClusterNode(
    String name,
    String role,
    int port,
    String heap,
    List<String> command,
    Map<String, String> environment,
    Path workDir) {}
