/**
 * The {@code nmt4j} command line: thin picocli commands over the library modules. This is the
 * only module that picks a logging binding (slf4j-nop: ND4J's start-up chatter is not shown).
 */
package org.nmt4j.cli;
