package org.nmt4j.nn;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimising compiler (C2) off the Java code that only hands work to the native
 * libraries, through compiler directives added from inside the JVM (the {@code
 * compilerDirectivesAdd} diagnostic command of the platform MBean server), so that a program
 * embedding nmt4j gets them as the launcher does.
 *
 * <p>Why: on a machine with two cores, C2 compiles for seconds after start-up beside the work,
 * tens of milliseconds per hot method, and most of nmt4j's hot Java methods are glue: picking a
 * oneDNN primitive, binding its arguments, taking ND4J views, JavaCPP pointers. Their time is in
 * the native calls, so C2's code for them gains little over C1's, while compiling it took about
 * half of one core during the first pass of {@code bench translate --warmup 0} (README,
 * "Decoding speed"). The directives (resource {@code jit-directives.json}) exclude ND4J's and
 * JavaCPP's classes and nmt4j's engine packages ({@code nn.ops}, {@code nn.quant}, {@code
 * nn.recurrent}, the encoder and the decoder) from C2, so HotSpot compiles them with C1 only; the
 * classes with loops over numbers (quantizing, bf16 rounding, the decoder's row scans, the
 * step's added products) keep C2, as does everything else (the optimizer, tokenizers, corpora,
 * evaluation, the JDK).
 *
 * <p>{@code -D}{@value #PROPERTY}{@code =c2} leaves HotSpot's choice alone. On a JVM without
 * compiler directives or without the diagnostic command (not HotSpot, a runtime without the
 * {@code jdk.management} module) nothing happens.
 */
public final class JitDirectives {
  /** System property: {@code c1} (the default) or {@code c2} (no directives). */
  public static final String PROPERTY = "nmt4j.jit.glue";

  private static final String RESOURCE = "jit-directives.json";
  private static boolean added;

  private JitDirectives() {}

  /**
   * Whether the directives are to be added: {@value #PROPERTY} unset or {@code c1}.
   *
   * @throws IllegalArgumentException when {@value #PROPERTY} is neither {@code c1} nor {@code c2}
   */
  static boolean configured() {
    String v = System.getProperty(PROPERTY, "c1").trim().toLowerCase(Locale.ROOT);
    if (!v.equals("c1") && !v.equals("c2")) {
      throw new IllegalArgumentException("-D" + PROPERTY + " must be c1 or c2, got '"
          + System.getProperty(PROPERTY) + "'");
    }
    return v.equals("c1");
  }

  /**
   * {@link #apply} on a daemon thread: starting the platform MBean server takes about 0.1 s,
   * which need not delay loading a model (C2 takes up a method only after thousands of calls).
   */
  static void applyInBackground() {
    if (!configured()) {
      return;
    }
    Thread t = new Thread(JitDirectives::apply, "nmt4j-jit-directives");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Adds the directives once per process, unless {@value #PROPERTY} says c2.
   *
   * @return whether they are in force (added now or before)
   */
  static synchronized boolean apply() {
    if (added || !configured()) {
      return added;
    }
    try {
      Path file = directivesFile();
      try {
        String out = diagnosticCommand("compilerDirectivesAdd", file.toString())
            .toLowerCase(Locale.ROOT);
        added = !out.contains("fail") && !out.contains("error");
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException | JMException | RuntimeException | LinkageError e) {
      added = false; // no compiler directives on this JVM: HotSpot's default
    }
    return added;
  }

  /** What the JVM's compiler directives stack prints (for tests), or null where unknown. */
  static String printed() {
    try {
      return diagnosticCommand("compilerDirectivesPrint");
    } catch (JMException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** The directives in a temporary file (the diagnostic command reads a file). */
  private static Path directivesFile() throws IOException {
    Path file = Files.createTempFile("nmt4j-jit-", ".json");
    try (InputStream in = JitDirectives.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the nmt4j-nn jar");
      }
      Files.write(file, in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  private static String diagnosticCommand(String operation, String... arguments)
      throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
    Object out = arguments.length == 0
        ? server.invoke(name, operation, null, null)
        : server.invoke(name, operation, new Object[] {arguments},
            new String[] {String[].class.getName()});
    return out == null ? "" : out.toString();
  }
}
