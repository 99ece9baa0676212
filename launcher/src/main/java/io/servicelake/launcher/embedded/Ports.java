package io.servicelake.launcher.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback port helpers. */
public final class Ports {

  private Ports() {}

  public static boolean isOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with a fix when something else already listens on the port. */
  public static void requireFree(int port, String what, String setting) {
    if (isOpen(port)) {
      throw new IllegalStateException(
          "Port "
              + port
              + " for "
              + what
              + " is already in use. Stop what uses it (or an earlier run: ./servicelake stop),"
              + " or choose another port with "
              + setting);
    }
  }

  /** A port free right now on loopback (for tests and throw-away stacks). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port on loopback", e);
    }
  }

  /** A free port whose successor is free too (the embedded Kafka controller takes port + 1). */
  public static int freePair() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = free();
      if (port < 65535 && !isOpen(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("No two consecutive free ports on loopback");
  }

  /** Polls {@code condition} until true or the timeout passes. */
  public static boolean await(BooleanSupplier condition, Duration timeout, Duration every)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(every.toMillis());
    }
    return condition.getAsBoolean();
  }
}
