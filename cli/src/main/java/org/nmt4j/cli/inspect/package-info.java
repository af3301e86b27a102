/** The {@code nmt4j inspect} commands: interpretable cells and gradient flow. */
package org.nmt4j.cli.inspect;
