package org.nmt4j.translator.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The nmt4j version, from a resource that Maven fills in at build time. */
public final class Nmt4jVersion {
  private static final String VERSION = load();

  private Nmt4jVersion() {}

  /** The project version, or "dev" when running from unfiltered sources. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Nmt4jVersion.class.getResourceAsStream("nmt4j-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
