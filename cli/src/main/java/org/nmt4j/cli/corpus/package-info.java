/** {@code nmt4j corpus generate} and {@code nmt4j corpus check}, over the corpora module. */
package org.nmt4j.cli.corpus;
