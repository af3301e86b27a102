package org.nmt4j.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven wrote into the jar manifest, else (classes run from a folder, as in the
 * Docker image) the one it filtered into the translator's version resource.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"nmt4j " + version()};
  }

  /** The project version, or "dev" when running from unfiltered sources. */
  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? org.nmt4j.translator.io.Nmt4jVersion.get() : v;
  }
}
